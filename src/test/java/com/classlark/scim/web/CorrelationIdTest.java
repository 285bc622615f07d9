package com.classlark.scim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The correlation id: the client's own request id when it is a sane token, echoed under its own
 * name and as {@code X-Correlation-Id}; otherwise a new one.
 */
class CorrelationIdTest {
  private static final String UUID_SHAPE =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  static TestServer server;
  static ScimClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start(Engine.SQLITE);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void entraIdsClientRequestIdIsTheCorrelationIdAndComesBack() {
    String id = UUID.randomUUID().toString();

    HttpResult result =
        client.send("GET", "/scim/v2/Users?count=0", null, Map.of("client-request-id", id));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("X-Correlation-Id")).isEqualTo(id);
    assertThat(result.header("client-request-id")).isEqualTo(id);
  }

  @Test
  void xRequestIdIsTheCorrelationIdAndComesBack() {
    HttpResult result =
        client.send(
            "GET", "/scim/v2/Users/missing", null, Map.of("X-Request-Id", "req-42.a:b/c+d="));

    assertThat(result.status()).isEqualTo(404);
    assertThat(result.header("X-Correlation-Id")).isEqualTo("req-42.a:b/c+d=");
    assertThat(result.header("X-Request-Id")).isEqualTo("req-42.a:b/c+d=");
  }

  @Test
  void xRequestIdWinsOverClientRequestId() {
    HttpResult result =
        client.send(
            "GET",
            "/scim/v2/Users?count=0",
            null,
            Map.of("X-Request-Id", "from-proxy", "client-request-id", "from-client"));

    assertThat(result.header("X-Correlation-Id")).isEqualTo("from-proxy");
    assertThat(result.header("X-Request-Id")).isEqualTo("from-proxy");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "has space",
        "quote\"d",
        "semi;colon",
        "<script>",
        "a-129-character-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void anInsaneIdIsReplacedAndNotEchoed(String incoming) {
    HttpResult result =
        client.send("GET", "/scim/v2/Users?count=0", null, Map.of("client-request-id", incoming));

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.header("X-Correlation-Id")).matches(UUID_SHAPE);
    assertThat(result.header("client-request-id")).isNull();
  }

  @Test
  void anIdOf128CharactersIsKept() {
    String id = "x".repeat(128);

    HttpResult result = client.send("GET", "/healthz", null, Map.of("X-Request-Id", id));

    assertThat(result.header("X-Correlation-Id")).isEqualTo(id);
  }

  @Test
  void withoutAnIdEveryRequestGetsItsOwn() {
    String first = client.get("/healthz").header("X-Correlation-Id");
    String second = client.get("/healthz").header("X-Correlation-Id");

    assertThat(first).matches(UUID_SHAPE);
    assertThat(second).matches(UUID_SHAPE).isNotEqualTo(first);
  }

  @Test
  void aNewIdIsARandomVersionFourUuid() {
    UUID id = UUID.fromString(CorrelationIds.newId());

    assertThat(id.version()).isEqualTo(4);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(CorrelationIds.newId()).isNotEqualTo(CorrelationIds.newId());
  }
}
