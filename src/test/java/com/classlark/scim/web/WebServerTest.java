package com.classlark.scim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one server hands every request, and every failure of it, to the adapter that owns its path:
 * each adapter's clients get errors in that adapter's format, whoever detected them.
 */
class WebServerTest {
  private static WebServer server;
  private static ScimClient client;

  @BeforeAll
  static void start() {
    server =
        WebServer.create(
                new HttpSettings("127.0.0.1", 0, 2048, null),
                () -> true,
                List.of(new TextAdapter("root", ""), new TextAdapter("api", "/api/v1")))
            .start();
    client = new ScimClient("http://127.0.0.1:" + server.port(), Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eachAdapterServesItsOwnRoutes() {
    assertThat(client.get("/hello").body()).isEqualTo("root hello");
    assertThat(client.get("/api/v1/hello").body()).isEqualTo("api hello");
  }

  @Test
  void unknownPathIsAnsweredByTheAdapterThatOwnsThePrefix() {
    HttpResult api = client.get("/api/v1/nothing");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.header("Content-Type")).startsWith("text/x-api");
    assertThat(api.body())
        .isEqualTo("api 404 NO_ROUTE: There is no endpoint at /api/v1/nothing. (/api/v1/nothing)");

    HttpResult root = client.get("/api/v10/nothing");
    assertThat(root.body())
        .isEqualTo(
            "root 404 NO_ROUTE: There is no endpoint at /api/v10/nothing. (/api/v10/nothing)");
  }

  @Test
  void wrongMethodIsAnsweredByTheOwner() {
    HttpResult result = client.send("DELETE", "/api/v1/hello", null);
    assertThat(result.status()).isEqualTo(405);
    assertThat(result.body())
        .isEqualTo(
            "api 405 METHOD_NOT_ALLOWED: DELETE is not supported on /api/v1/hello."
                + " (/api/v1/hello)");
  }

  @Test
  void bodyOverTheLimitIsAnsweredByTheOwner() {
    HttpResult result = client.post("/api/v1/echo", "x".repeat(3000));
    assertThat(result.status()).isEqualTo(413);
    assertThat(result.body())
        .isEqualTo(
            "api 413 BODY_TOO_LARGE: The request body is larger than the limit of 2048 bytes."
                + " (/api/v1/echo)");
  }

  @Test
  void adapterExceptionsAreWrittenByTheAdapter() {
    assertThat(client.get("/api/v1/refused").body()).isEqualTo("api 422: api refuses");
    HttpResult denied = client.send("GET", "/hello", null, Map.of("X-Test", "deny"));
    assertThat(denied.status()).isEqualTo(422);
    assertThat(denied.body()).isEqualTo("root 422: root denies");
  }

  @Test
  void unknownExceptionsBecomeAnInternalFailureWithACorrelationIdAndNoInternals() {
    HttpResult result = client.get("/api/v1/broken");
    assertThat(result.status()).isEqualTo(500);
    String correlationId = result.header("X-Correlation-Id");
    assertThat(correlationId).matches("[0-9a-f-]{36}");
    assertThat(result.body())
        .isEqualTo(
            "api 500 INTERNAL: An internal error occurred. Quote correlation id "
                + correlationId
                + " to ClassLark support. (/api/v1/broken)");
  }

  @Test
  void healthEndpointsBelongToTheServerNotToAnAdapter() {
    HttpResult health = client.send("GET", "/healthz", null, Map.of("X-Test", "deny"));
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("ok");
    assertThat(client.get("/readyz").body()).isEqualTo("ready");
  }

  /** Jetty refuses such a URL before it has a path, so the adapter of the root writes it. */
  @Test
  void requestsJettyCannotParseAreWrittenByTheRootAdapter() {
    HttpResult result = client.get("/api/v1/abc%00def");
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body())
        .isEqualTo(
            "root 400 MALFORMED: The request is malformed (for example a URL with an invalid or NUL"
                + " %-escape, or an invalid Content-Length); fix the request. (/)");
  }
}
