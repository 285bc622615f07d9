package com.classlark.scim.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection to a server on this machine, used by one load worker at a
 * time. A plain socket keeps the load generator cheap on a small machine, and one object per
 * connection makes "a fixed number of connections" literal. It understands exactly what the service
 * sends: a status line, headers and a body framed by {@code Content-Length} or chunked encoding.
 */
final class LoopbackHttpConnection implements Closeable {
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  /**
   * A response: status code, body and the {@code Retry-After} header in seconds (-1 without one).
   */
  record Response(int status, byte[] body, int retryAfterSeconds) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final int port;
  private final String authorization;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /**
   * @param bearerToken sent as {@code Authorization: Bearer …}; null for none
   */
  LoopbackHttpConnection(int port, String bearerToken) {
    this.port = port;
    this.authorization = bearerToken == null ? "" : "Authorization: Bearer " + bearerToken + "\r\n";
  }

  /**
   * Sends one request and reads its whole response, reconnecting when the server closed the
   * connection.
   */
  Response send(String method, String target, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    StringBuilder head =
        new StringBuilder(256)
            .append(method)
            .append(' ')
            .append(target)
            .append(" HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:")
            .append(port)
            .append("\r\n")
            .append("Accept: application/scim+json\r\n")
            .append(authorization);
    if (body != null) {
      head.append("Content-Type: application/scim+json\r\nContent-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    return readResponse();
  }

  private void connect() throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
  }

  private Response readResponse() throws IOException {
    String statusLine = readLine();
    if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    int retryAfter = -1;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        case "retry-after" -> retryAfter = Integer.parseInt(value);
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length != contentLength) {
        throw new IOException("connection closed inside a response body");
      }
    } else if (status == 204 || status == 304) {
      body = new byte[0];
    } else {
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      close();
    }
    return new Response(status, body, retryAfter);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailer fields, if any, are skipped
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new IOException("connection closed inside a chunk");
      }
      body.write(chunk);
      readLine();
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int next = in.read();
      if (next < 0) {
        throw new IOException("connection closed by the server");
      }
      if (next == '\n') {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
      line.append((char) next);
    }
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      try {
        socket.close();
      } finally {
        socket = null;
        in = null;
        out = null;
      }
    }
  }
}
