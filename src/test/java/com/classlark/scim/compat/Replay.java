package com.classlark.scim.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shorthand for the identity-provider replay suites: request bodies as text blocks with {@code
 * {name}} placeholders, and the checks every identity provider relies on (status, media type,
 * {@code id}, ListResponse, SCIM Error with {@code status} as a string).
 */
final class Replay {
  private Replay() {}

  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PLANNER =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";

  /**
   * {@code template} with each {@code {name}} replaced: {@code fill(t, "id", id, "user", user)}.
   */
  static String fill(String template, String... namesAndValues) {
    String filled = template;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      filled = filled.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
    }
    if (filled.matches("(?s).*\\{[a-zA-Z]+}.*")) {
      throw new IllegalArgumentException("unfilled placeholder in " + filled);
    }
    return filled;
  }

  /**
   * A filter as an identity provider URL-encodes it ({@code %20} for spaces, {@code %22} for
   * quotes).
   */
  static String encoded(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Asserts the status and a SCIM response body; returns the parsed body. */
  static JsonNode expect(HttpResult result, int status) {
    assertThat(result.status()).as(result.body()).isEqualTo(status);
    assertThat(result.header("Content-Type")).startsWith("application/scim+json");
    return result.json();
  }

  /**
   * Asserts a created or read resource: the status, an {@code id} and {@code meta.resourceType}.
   */
  static JsonNode expectResource(HttpResult result, int status, String resourceType) {
    JsonNode resource = expect(result, status);
    assertThat(resource.path("id").asText()).isNotBlank();
    assertThat(resource.path("meta").path("resourceType").asText()).isEqualTo(resourceType);
    assertThat(result.header("ETag")).isEqualTo(resource.path("meta").path("version").asText());
    if (status == 201) {
      assertThat(result.header("Location"))
          .isEqualTo(resource.path("meta").path("location").asText());
    }
    return resource;
  }

  /** Asserts a 200 ListResponse with exactly {@code total} results; returns its Resources. */
  static List<JsonNode> expectList(HttpResult result, long total) {
    JsonNode list = expect(result, 200);
    assertThat(list.path("schemas").get(0).asText()).isEqualTo(LIST_RESPONSE);
    assertThat(list.path("totalResults").isIntegralNumber()).isTrue();
    assertThat(list.path("totalResults").asLong()).isEqualTo(total);
    assertThat(list.path("startIndex").isIntegralNumber()).isTrue();
    assertThat(list.path("itemsPerPage").isIntegralNumber()).isTrue();
    assertThat(list.path("Resources").isArray()).as("Resources is an array").isTrue();
    List<JsonNode> resources = new ArrayList<>();
    list.path("Resources").forEach(resources::add);
    assertThat(list.path("itemsPerPage").asInt()).isEqualTo(resources.size());
    resources.forEach(resource -> assertThat(resource.path("id").asText()).isNotBlank());
    return resources;
  }

  /**
   * Asserts a SCIM Error with {@code status} as a string, the scimType (or none) and the exact
   * detail.
   */
  static void expectError(HttpResult result, int status, String scimType, String detail) {
    JsonNode error = expect(result, status);
    assertThat(error.path("schemas").get(0).asText()).isEqualTo(ERROR);
    assertThat(error.path("status").isTextual()).as("status is a string").isTrue();
    assertThat(error.path("status").asText()).isEqualTo(Integer.toString(status));
    if (scimType == null) {
      assertThat(error.has("scimType")).isFalse();
    } else {
      assertThat(error.path("scimType").asText()).isEqualTo(scimType);
    }
    assertThat(error.path("detail").asText()).isEqualTo(detail);
  }

  /** Asserts a 204 with no body and so no media type. */
  static void expectNoContent(HttpResult result) {
    assertThat(result.status()).as(result.body()).isEqualTo(204);
    assertThat(result.body()).isEmpty();
    assertThat(result.header("Content-Type")).isNull();
  }

  /** The member ids of a group, read back with a GET. */
  static List<String> members(ScimClient client, String groupId) {
    List<String> ids = new ArrayList<>();
    expect(client.get("/Groups/" + groupId), 200)
        .path("members")
        .forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }

  /** The headers a client sends with every request. */
  static ScimClient withHeaders(ScimClient client, Map<String, String> headers) {
    ScimClient result = client;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      result = result.withHeader(header.getKey(), header.getValue());
    }
    return result;
  }
}
