package com.classlark.scim.api;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;

/** Writes the directory API's successful responses: JSON, {@code application/json}. */
final class ApiResponses {
  static final String CONTENT_TYPE = "application/json";

  private ApiResponses() {}

  static void json(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType(CONTENT_TYPE).result(Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response", e);
    }
  }

  /** An instant as the API writes it (ISO-8601 UTC), or {@code null}. */
  static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
