package com.classlark.scim.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the routes (a URL it cannot decode, a malformed
 * header): written in an adapter's format instead of Jetty's HTML page, never with internals. Jetty
 * gives such a request no usable path (it reports {@code /badMessage}), so the adapter of the root
 * writes it.
 */
final class LowLevelErrorHandler extends ErrorHandler {
  private final WebServer.AdapterDirectory owners;

  LowLevelErrorHandler(WebServer.AdapterDirectory owners) {
    this.owners = owners;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    String detail =
        status == 400
            ? "The request is malformed (for example a URL with an invalid or NUL %-escape); fix the request."
            : "The request could not be processed (HTTP " + status + ").";
    ErrorBody body = owners.ownerOf("/").render(WebFailure.of(status, detail), "/");
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
    response.write(true, ByteBuffer.wrap(body.body()), callback);
    return true;
  }
}
