package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimErrors;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** Writes SCIM JSON responses; the one place that turns a {@link ScimException} into a response. */
public final class ScimResponses {
  private ScimResponses() {}

  public static void json(Context ctx, int status, JsonNode body) {
    try {
      bytes(ctx, status, Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise response", e);
    }
  }

  /** Writes a SCIM JSON body already serialised. */
  public static void bytes(Context ctx, int status, byte[] body) {
    ctx.status(status);
    ctx.contentType(ScimMediaType.RESPONSE_CONTENT_TYPE);
    ctx.result(body);
  }

  public static void error(Context ctx, ScimException exception) {
    if (exception.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"ClassLark SCIM\"");
    }
    json(ctx, exception.status(), ScimErrors.body(exception));
  }
}
