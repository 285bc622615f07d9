package com.classlark.scim.testing;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Clients of the directory API ({@code /api/v1}) and the problem documents it answers with. */
public final class ApiClients {
  private ApiClients() {}

  /** A client that sends a new API key of this role and JSON bodies. */
  public static ScimClient withNewKey(TestServer server, ApiKeyRole role) {
    String key = server.application().services().apiKeys().issue(role, "test " + role).secret();
    return withKey(server, key);
  }

  /** A client that sends this bearer secret and JSON bodies. */
  public static ScimClient withKey(TestServer server, String secret) {
    return new ScimClient(
        server.baseUrl(),
        Map.of("Authorization", "Bearer " + secret, "Content-Type", "application/json"));
  }

  /** An RFC 9457 problem document as the directory API writes it, without extra fields. */
  public static ObjectNode problem(String type, String title, int status, String detail) {
    ObjectNode body = Json.object();
    body.put("type", "https://classlark.com/problems/" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    return body;
  }

  /** A {@code validation} problem naming each field (name, rule, name, rule, …). */
  public static ObjectNode validation(String fieldNames, String... fieldsAndRules) {
    ObjectNode body =
        problem(
            "validation",
            "Invalid request",
            400,
            "Fix the fields named in errors and send the request again: " + fieldNames + ".");
    var errors = body.putArray("errors");
    for (int i = 0; i < fieldsAndRules.length; i += 2) {
      errors.addObject().put("field", fieldsAndRules[i]).put("rule", fieldsAndRules[i + 1]);
    }
    return body;
  }

  /** Asserts the whole response: status, problem media type and body. */
  public static void assertProblem(HttpResult result, int status, JsonNode expected) {
    org.assertj.core.api.Assertions.assertThat(result.status()).as(result.body()).isEqualTo(status);
    org.assertj.core.api.Assertions.assertThat(result.header("Content-Type"))
        .isEqualTo("application/problem+json");
    org.assertj.core.api.Assertions.assertThat(result.json()).isEqualTo(expected);
  }
}
