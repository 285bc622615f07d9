package com.classlark.scim.web;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * HTTP/1.1 connections whose requests carry at most a given number of header fields; more get 431.
 * Jetty bounds the bytes of a request's head but not its number of fields, and each field costs
 * about 130 bytes of heap beyond its text: 8 KB of one-letter fields ({@code a:b}) held 215 KB per
 * connection until the request completed, so a few hundred stalled connections filled a 96 MiB
 * heap.
 */
final class HeaderFieldLimit extends HttpConnectionFactory {
  private final int maxFields;

  HeaderFieldLimit(HttpConfiguration configuration, int maxFields) {
    super(configuration);
    this.maxFields = maxFields;
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection =
        new FieldCountingConnection(getHttpConfiguration(), connector, endPoint, maxFields);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  private static final class FieldCountingConnection extends HttpConnection {
    private final int maxFields;

    FieldCountingConnection(
        HttpConfiguration configuration, Connector connector, EndPoint endPoint, int maxFields) {
      super(configuration, connector, endPoint);
      this.maxFields = maxFields;
    }

    /** Called by Jetty's constructor, so it reads {@link #maxFields} only once requests arrive. */
    @Override
    protected RequestHandler newRequestHandler() {
      return new RequestHandler() {
        private int fields;

        @Override
        public void startRequest(String method, String uri, HttpVersion version) {
          fields = 0;
          super.startRequest(method, uri, version);
        }

        @Override
        public void parsedHeader(HttpField field) {
          if (++fields > maxFields) {
            throw new HttpException.RuntimeException(
                HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431,
                "more than " + maxFields + " header fields");
          }
          super.parsedHeader(field);
        }
      };
    }
  }
}
