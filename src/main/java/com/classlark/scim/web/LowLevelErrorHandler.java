package com.classlark.scim.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the routes (a URL it cannot decode, a malformed
 * header, a request head over the limits, a request refused while shutting down): written in an
 * adapter's format instead of Jetty's HTML page, never with internals. Jetty gives a malformed
 * request no usable path (it reports {@code /badMessage}), so the adapter of the root writes it; a
 * request refused while shutting down is written by the adapter that owns its path.
 */
final class LowLevelErrorHandler extends ErrorHandler {
  private final WebServer.AdapterDirectory owners;
  private final ConnectionLimits limits;

  LowLevelErrorHandler(WebServer.AdapterDirectory owners, ConnectionLimits limits) {
    this.owners = owners;
    this.limits = limits;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 400;
    // A request refused while shutting down was well-formed: its owner writes the refusal.
    HttpURI uri = request.getHttpURI();
    String path = status == 503 && uri != null && uri.getPath() != null ? uri.getPath() : "/";
    ErrorBody body = owners.ownerOf(path).render(WebFailure.of(status, detail(status)), path);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, body.contentType());
    response.write(true, ByteBuffer.wrap(body.body()), callback);
    return true;
  }

  private String detail(int status) {
    return switch (status) {
      case 400 ->
          "The request is malformed (for example a URL with an invalid or NUL %-escape, or an"
              + " invalid Content-Length); fix the request.";
      case 414 ->
          "The request line (method and URL) is longer than the limit of "
              + limits.maxHeaderBytes()
              + " bytes.";
      case 431 ->
          "The request's header fields are larger than the limit of "
              + limits.maxHeaderBytes()
              + " bytes, or more than "
              + limits.maxHeaderFields()
              + " fields.";
      case 503 -> "The service is shutting down and did not process this request; send it again.";
      default -> "The request could not be processed (HTTP " + status + ").";
    };
  }
}
