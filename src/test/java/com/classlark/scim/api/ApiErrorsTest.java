package com.classlark.scim.api;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static com.classlark.scim.testing.ApiClients.validation;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.TestServer;
import com.classlark.scim.web.FairnessSettings;
import com.classlark.scim.web.HttpSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Every failure of a request to {@code /api/v1}, whoever detects it (the route, the adapter, the
 * server), is an RFC 9457 problem document.
 */
class ApiErrorsTest extends ServerPerEngine {

  ScimClient support;

  /** Hides {@link ServerPerEngine}'s default server: this class needs other settings. */
  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(TestServer.start(engine, new HttpSettings("127.0.0.1", 0, 4096, null)));
  }

  @BeforeEach
  void supportKey() {
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
  }

  @Test
  void unknownRouteIsNotFound() {
    assertProblem(
        support.get("/api/v1/nothing-here"),
        404,
        problem("not-found", "Not found", 404, "There is no endpoint at /api/v1/nothing-here."));
  }

  @Test
  void unknownMethodIsMethodNotAllowed() {
    assertProblem(
        support.delete("/api/v1/schools"),
        405,
        problem(
            "method-not-allowed",
            "Method not allowed",
            405,
            "DELETE is not supported on /api/v1/schools."));
  }

  @Test
  void bodyInAnotherMediaTypeIsUnsupported() {
    HttpResult result =
        support.send("POST", "/api/v1/schools", "name=x", Map.of("Content-Type", "text/plain"));

    assertProblem(
        result,
        415,
        problem(
            "unsupported-media-type",
            "Unsupported media type",
            415,
            "Send the body as application/json, not text/plain."));
  }

  @Test
  void bodyWithoutAMediaTypeIsUnsupported() {
    assertProblem(
        support.withoutHeader("Content-Type").post("/api/v1/schools", "{\"name\":\"X\"}"),
        415,
        problem(
            "unsupported-media-type",
            "Unsupported media type",
            415,
            "Send the body with 'Content-Type: application/json'."));
  }

  @Test
  void jsonWithACharsetAndMergePatchOnPatchAreAccepted() {
    HttpResult created =
        support.send(
            "POST",
            "/api/v1/schools",
            "{\"name\":\"Charset School\"}",
            Map.of("Content-Type", "application/json; charset=utf-8"));
    assertThat(created.status()).isEqualTo(201);

    HttpResult patched =
        support.send(
            "PATCH",
            "/api/v1/schools/" + created.json().path("id").asText(),
            "{\"scim\":{\"defaultUserType\":\"Staff\"}}",
            Map.of("Content-Type", "application/merge-patch+json"));
    assertThat(patched.status()).isEqualTo(200);
    assertProblem(
        support.send(
            "POST",
            "/api/v1/schools",
            "{\"name\":\"X\"}",
            Map.of("Content-Type", "application/merge-patch+json")),
        415,
        problem(
            "unsupported-media-type",
            "Unsupported media type",
            415,
            "Send the body as application/json, not application/merge-patch+json."));
  }

  @Test
  void unparsableJsonIsAValidationProblemWithItsPosition() {
    assertProblem(
        support.post("/api/v1/schools", "{\"name\": }"),
        400,
        validation("body", "body", "must be well-formed JSON (line 1, column 10)"));
  }

  @Test
  void bodyThatIsNotAnObjectIsAValidationProblem() {
    assertProblem(
        support.post("/api/v1/schools", "[\"Hillside\"]"),
        400,
        validation("body", "body", "must be a JSON object"));
  }

  @Test
  void unknownAndWronglyTypedFieldsAreAllNamed() {
    assertProblem(
        support.post("/api/v1/schools", "{\"name\": 7, \"colour\": \"green\"}"),
        400,
        validation(
            "colour, name",
            "colour",
            "is not a field of this request; the fields are name",
            "name",
            "must be a string"));
  }

  @Test
  void bodyOverTheLimitIsPayloadTooLarge() {
    String body = "{\"name\":\"" + "x".repeat(5000) + "\"}";

    assertProblem(
        support.post("/api/v1/schools", body),
        413,
        problem(
            "payload-too-large",
            "Payload too large",
            413,
            "The request body is larger than the limit of 4096 bytes."));
  }

  @Test
  void schoolOverItsRateIsTooManyRequests() {
    try (TestServer limited =
        TestServer.start(
            engine, config -> config.withFairness(new FairnessSettings(1, 1, 0, Duration.ZERO)))) {
      ScimClient app = ApiClients.withNewKey(limited, ApiKeyRole.APP);
      String path = "/api/v1/schools/" + limited.school().id();
      assertThat(app.get(path).status()).isEqualTo(200);

      HttpResult refused = app.get(path);

      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.json().path("type").asText())
          .isEqualTo("https://classlark.com/problems/rate-limited");
      assertThat(refused.json().path("status").asInt()).isEqualTo(429);
    }
  }
}
