package com.classlark.scim.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.TestServer;
import com.classlark.scim.web.HttpSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error the foundation can answer, with status, headers and the whole SCIM Error body. */
class HttpErrorResponsesTest extends ServerPerEngine {

  /** Hides {@link ServerPerEngine}'s default server: this class needs other settings. */
  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(TestServer.start(engine, new HttpSettings("127.0.0.1", 0, 4096, null)));
  }

  private static String error(int status, String detail) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
        + status
        + "\",\"detail\":\""
        + detail
        + "\"}";
  }

  private static void assertUnauthorized(HttpResult result, String detail) {
    assertThat(result.status()).isEqualTo(401);
    assertThat(result.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"ClassLark SCIM\"");
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    assertThat(result.body()).isEqualTo(error(401, detail));
  }

  private static ScimClient anonymous() {
    return new ScimClient(server.baseUrl(), Map.of());
  }

  @Test
  void missingAuthorizationHeaderGets401() {
    assertUnauthorized(
        anonymous().get("/ServiceProviderConfig"),
        "Authentication required: send the school's SCIM token as 'Authorization: Bearer <token>'.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"non-token", "Basic dXNlcjpwYXNz", "Token clsk_abc"})
  void authorizationWithoutBearerSchemeGets401(String header) {
    assertUnauthorized(
        anonymous().withHeader("Authorization", header).get("/ServiceProviderConfig"),
        "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'.");
  }

  @Test
  void bearerWithTwoTokensGets401() {
    assertUnauthorized(
        anonymous().withHeader("Authorization", "Bearer a b").get("/ServiceProviderConfig"),
        "The Authorization header must carry exactly one token after 'Bearer '.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"clsk_unknownunknownunknownunknownunknownunknown", "nottheformatatall"})
  void unknownTokenGets401(String token) {
    assertUnauthorized(
        anonymous()
            .withHeader("Authorization", "Bearer " + token)
            .get("/scim/v2/ServiceProviderConfig"),
        "The bearer token is not valid. Check that the whole token was copied; ask ClassLark support"
            + " for a new one if it was lost.");
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    HttpResult result =
        anonymous()
            .withHeader("Authorization", "bearer " + server.token())
            .get("/ServiceProviderConfig");
    assertThat(result.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/nothing", "/scim/v2/nothing", "/scim/v1/Users"})
  void unknownRouteGets404(String path) {
    HttpResult result = server.client().get(path);
    assertThat(result.status()).isEqualTo(404);
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    assertThat(result.body())
        .isEqualTo(
            error(
                404,
                "There is no SCIM endpoint at "
                    + path
                    + ". SCIM endpoints are /Users, /Groups, /Bulk, /.search, /ServiceProviderConfig,"
                    + " /Schemas and /ResourceTypes, at the root or under /scim/v2."));
  }

  @ParameterizedTest
  @CsvSource({"DELETE,/ServiceProviderConfig", "PUT,/scim/v2/ServiceProviderConfig"})
  void wrongMethodGets405(String method, String path) {
    HttpResult result = server.client().send(method, path, method.equals("PUT") ? "{}" : null);
    assertThat(result.status()).isEqualTo(405);
    assertThat(result.body()).isEqualTo(error(405, method + " is not supported on " + path + "."));
  }

  @Test
  void bodyOverTheLimitGets413() {
    String body = "{\"displayName\":\"" + "x".repeat(5000) + "\"}";
    HttpResult result = server.client().post("/Users", body);
    assertThat(result.status()).isEqualTo(413);
    assertThat(result.body())
        .isEqualTo(error(413, "The request body is larger than the limit of 4096 bytes."));
  }

  @Test
  void nonJsonContentTypeGets415() {
    HttpResult result =
        server
            .client()
            .withHeader("Content-Type", "text/xml")
            .post("/ServiceProviderConfig", "<x/>");
    assertThat(result.status()).isEqualTo(415);
    assertThat(result.body())
        .isEqualTo(
            error(
                415,
                "Content-Type text/xml is not supported: send application/scim+json or application/json"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/scim+json; charset=UTF-8"
      })
  void getWithAnyJsonContentTypeIsAnswered(String contentType) {
    HttpResult result =
        server.client().withHeader("Content-Type", contentType).get("/ServiceProviderConfig");
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
  }

  @Test
  void aUrlJettyCannotDecodeGetsAScimError() {
    HttpResult result = server.client().get("/Users/abc%00def");
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    assertThat(result.body())
        .isEqualTo(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\","
                + "\"detail\":\"The request is malformed (for example a URL with an invalid or NUL"
                + " %-escape, or an invalid Content-Length); fix the request.\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Users?filter=userName%20eq%20%22a%00b%22", "/Groups?cursor=%00"})
  void nulInTheQueryIs400NeverA500(String path) {
    HttpResult result = server.client().get(path);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body())
        .isEqualTo(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\","
                + "\"scimType\":\"invalidValue\",\"detail\":\"The URL must not contain the NUL character (%00).\"}");
  }

  @Test
  void healthEndpointsNeedNoToken() {
    assertThat(anonymous().get("/healthz").body()).isEqualTo("ok");
    HttpResult ready = anonymous().get("/readyz");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready");
  }

  @Test
  void serviceProviderConfigLocationFollowsForwardedHeaders() {
    HttpResult result =
        server
            .client()
            .withHeader("X-Forwarded-Proto", "https")
            .withHeader("X-Forwarded-Host", "scim.school.example")
            .get("/scim/v2/ServiceProviderConfig");
    assertThat(result.json().path("meta").path("location").asText())
        .isEqualTo("https://scim.school.example/scim/v2/ServiceProviderConfig");
  }
}
