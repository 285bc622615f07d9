package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttributeNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parameters of a query as the client sent them, from a GET query string (RFC 7644 §3.4.2) or a
 * POST SearchRequest body (§3.4.3). Text values are null when absent.
 *
 * @param cursor null without cursor pagination; empty for the first cursor page (RFC 9865)
 */
record ListQuery(
    String filter,
    String sortBy,
    String sortOrder,
    String startIndex,
    String count,
    String cursor,
    String attributes,
    String excludedAttributes) {

  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  static ListQuery fromQueryString(Context ctx) {
    return new ListQuery(
        ctx.queryParam("filter"),
        ctx.queryParam("sortBy"),
        ctx.queryParam("sortOrder"),
        ctx.queryParam("startIndex"),
        ctx.queryParam("count"),
        ctx.queryParam("cursor"),
        ctx.queryParam("attributes"),
        ctx.queryParam("excludedAttributes"));
  }

  /** A SearchRequest body; member names in any case. */
  static ListQuery fromSearchRequest(JsonNode body) {
    JsonNode schemas = member(body, "schemas");
    boolean declared = false;
    for (JsonNode schema : schemas) {
      declared |= schema.asText().equalsIgnoreCase(SEARCH_REQUEST);
    }
    if (!schemas.isMissingNode() && !declared) {
      throw ScimException.invalidSyntax(
          "a search request must declare the schema " + SEARCH_REQUEST);
    }
    return new ListQuery(
        text(body, "filter"),
        text(body, "sortBy"),
        text(body, "sortOrder"),
        text(body, "startIndex"),
        text(body, "count"),
        text(body, "cursor"),
        list(body, "attributes"),
        list(body, "excludedAttributes"));
  }

  private static JsonNode member(JsonNode body, String name) {
    JsonNode member = AttributeNames.member(body, name);
    return member == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : member;
  }

  private static String text(JsonNode body, String name) {
    JsonNode value = member(body, name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw ScimException.invalidSyntax(name + " in a search request must be a string or number");
    }
    return value.asText();
  }

  /** {@code attributes} as a JSON array of names (or a comma-separated string). */
  private static String list(JsonNode body, String name) {
    JsonNode value = member(body, name);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (!value.isArray()) {
      throw ScimException.invalidSyntax(
          name + " in a search request must be an array of attribute names");
    }
    List<String> names = new ArrayList<>();
    value.forEach(element -> names.add(element.asText()));
    return String.join(",", names);
  }

  /** {@code sortOrder}: ascending unless "descending" (any case). */
  boolean descending() {
    if (sortOrder == null || sortOrder.isBlank()) {
      return false;
    }
    return switch (sortOrder.strip().toLowerCase(Locale.ROOT)) {
      case "ascending" -> false;
      case "descending" -> true;
      default ->
          throw ScimException.invalidValue(
              "sortOrder must be ascending or descending, not '" + sortOrder + "'");
    };
  }

  static int integer(String name, String value, int absent) {
    if (value == null || value.isBlank()) {
      return absent;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      try {
        long big = Long.parseLong(value.strip());
        return big < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      } catch (NumberFormatException notANumber) {
        throw ScimException.invalidValue(name + " must be an integer, not '" + value + "'");
      }
    }
  }
}
