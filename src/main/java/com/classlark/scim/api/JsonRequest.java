package com.classlark.scim.api;

import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object request body, read field by field: every field of the wrong type and every field
 * the operation does not know is collected, and {@link #done()} refuses them all in one {@code
 * validation} problem. Never echoes a value the caller sent.
 */
final class JsonRequest {
  /** The name under which a problem with the body as a whole is reported. */
  static final String BODY = "body";

  private final ObjectNode body;
  private final String prefix;
  private final List<FieldError> errors;

  private JsonRequest(ObjectNode body, String prefix, List<FieldError> errors) {
    this.body = body;
    this.prefix = prefix;
    this.errors = errors;
  }

  /**
   * Reads the body as a JSON object with at most the named fields; an empty body reads as {@code
   * {}}.
   */
  static JsonRequest read(Context ctx, Set<String> fields) {
    JsonRequest request = new JsonRequest(object(ctx), "", new ArrayList<>());
    request.refuseUnknown(fields);
    return request;
  }

  /**
   * The body as a JSON object, for an operation that reads its fields itself (a merge patch); an
   * empty body reads as {@code {}}.
   */
  static ObjectNode object(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return Json.object();
    }
    if (ctx.contentType() == null) {
      throw ApiFailure.unsupportedMediaType("Send the body with 'Content-Type: application/json'.");
    }
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw invalidBody("must be well-formed JSON" + where);
    } catch (IOException e) {
      throw invalidBody("must be well-formed JSON");
    }
    if (parsed == null || !parsed.isObject()) {
      throw invalidBody("must be a JSON object");
    }
    return (ObjectNode) parsed;
  }

  private static RuntimeException invalidBody(String rule) {
    return Problems.validation(List.of(new FieldError(BODY, rule)));
  }

  private void refuseUnknown(Set<String> fields) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!fields.contains(field.getKey())) {
        errors.add(
            new FieldError(
                prefix + field.getKey(),
                "is not a field of this request; the fields are "
                    + String.join(", ", fields.stream().sorted().toList())));
      }
    }
  }

  boolean has(String field) {
    return body.has(field);
  }

  /** A text field; {@code null} when it is absent or null. */
  String text(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(prefix + field, "must be a string"));
      return null;
    }
    return value.textValue();
  }

  /** A whole-number field; {@code null} when it is absent or null. */
  Long integer(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      errors.add(new FieldError(prefix + field, "must be a whole number"));
      return null;
    }
    return value.longValue();
  }

  /**
   * A nested object with at most the named fields, read into the same list of errors; an empty
   * object when it is absent or of the wrong type (which is reported).
   */
  JsonRequest object(String field, Set<String> fields) {
    JsonNode value = body.get(field);
    JsonRequest nested =
        new JsonRequest(
            value instanceof ObjectNode object ? object : Json.object(),
            prefix + field + ".",
            errors);
    if (value != null && !value.isObject()) {
      errors.add(new FieldError(prefix + field, "must be a JSON object"));
    }
    nested.refuseUnknown(fields);
    return nested;
  }

  /** Refuses the request when a field was wrong, naming every wrong field. */
  void done() {
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
  }
}
