package com.classlark.scim.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 byte by byte, for requests no HTTP client library sends: malformed, duplicated or
 * non-ASCII headers, bad escapes. Each request is sent on its own connection with {@code
 * Connection: close}, and the response read until the server closes.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A response: status, headers (names in lower case; the last of a repeated one) and body. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code head} (request line and header lines, each ending in CRLF, without the blank line;
   * bytes as ISO-8859-1 chars) with {@code Host} and {@code Connection: close} added, then {@code
   * body} in UTF-8 with its {@code Content-Length} unless the head sets one.
   */
  public static Response send(int port, String head, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(head);
    if (!head.contains("\r\nHost:")) {
      request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    request.append("Connection: close\r\n");
    if (body != null && !head.toLowerCase(Locale.ROOT).contains("\r\ncontent-length:")) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(content);
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One kept-alive connection: requests are sent on it one after the other, each response read by
   * its {@code Content-Length}.
   */
  public static final class KeepAlive implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    public KeepAlive(int port) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(60_000);
      in = socket.getInputStream();
    }

    /** Sends {@code GET path} and reads its response. */
    public Response get(String path) throws IOException {
      write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      return read();
    }

    /** Sends bytes (as ISO-8859-1 chars), e.g. a part of a request. */
    public void write(String bytes) throws IOException {
      socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    /** Reads the next response. */
    public Response read() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          throw new java.io.EOFException("the server closed the connection");
        }
        head.write(b);
      }
      Response response = parse(head.toByteArray());
      String length = response.header("Content-Length");
      byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
      return new Response(
          response.status(), response.headers(), new String(body, StandardCharsets.UTF_8));
    }

    /**
     * True when the server has already closed this connection: its end of the stream has arrived.
     * (Waits at most 100 ms for it, so that an open connection answers false.)
     */
    public boolean closedByServer() throws IOException {
      socket.setSoTimeout(100);
      try {
        return in.read() < 0;
      } catch (java.net.SocketTimeoutException open) {
        return false;
      } catch (java.net.SocketException reset) {
        return true;
      } finally {
        socket.setSoTimeout(60_000);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException resetAfterTheResponse) {
      // The server may reset a connection whose request it did not read to the end.
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("not an HTTP response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new Response(status, headers, text.substring(end + 4));
  }
}
