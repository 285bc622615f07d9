package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimErrors;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the routes (a URL it cannot decode, a malformed
 * header): a SCIM Error body instead of Jetty's HTML page, never with internals.
 */
final class LowLevelErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    String detail =
        status == 400
            ? "The request is malformed (for example a URL with an invalid or NUL %-escape); fix the request."
            : "The request could not be processed (HTTP " + status + ").";
    byte[] body;
    try {
      body =
          Json.MAPPER.writeValueAsBytes(ScimErrors.body(new ScimException(status, null, detail)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      callback.failed(e);
      return true;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ScimMediaType.RESPONSE_CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }
}
