package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** Reads a request body as one JSON object, or fails with {@code invalidSyntax} saying where. */
final class JsonBody {
  private JsonBody() {}

  static JsonNode object(Context ctx) {
    JsonNode body = Json.parse(ctx.bodyAsBytes());
    if (!body.isObject()) {
      throw ScimException.invalidSyntax("the request body must be a JSON object");
    }
    return body;
  }
}
