package com.classlark.scim.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What the server's connections may cost, so that no client, with or without a token, can fill the
 * heap with connections: a cap on open connections (more wait in the kernel's accept queue and cost
 * the service nothing), an idle timeout, and a bound on each request's head (its bytes and its
 * number of header fields).
 *
 * <p>A connection costs 3–5 KB of heap while idle, and at most about 21 KB while it holds a request
 * head at the limits (see {@code docs/benchmarks.md}), so the defaults cap connections at about 21
 * MB of a 96 MiB heap. When the cap is reached, connections idle for more than {@link
 * #IDLE_TIMEOUT_AT_CAP} are closed, so that clients that stall (idle keep-alive connections,
 * "slowloris" clients that send a header byte every few seconds) make room for the ones waiting.
 *
 * @param maxConnections most connections open at once
 * @param idleTimeout how long a connection may stay without traffic before it is closed; a request
 *     in progress is never cut off by it
 * @param maxHeaderBytes most bytes in a request's head (request line and header fields); more get
 *     414 (request line) or 431 (header fields)
 * @param maxHeaderFields most header fields in a request; more get 431
 */
public record ConnectionLimits(
    int maxConnections, Duration idleTimeout, int maxHeaderBytes, int maxHeaderFields) {
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
  public static final int DEFAULT_MAX_HEADER_FIELDS = 100;

  /** Idle timeout of every connection while the cap is reached. */
  public static final Duration IDLE_TIMEOUT_AT_CAP = Duration.ofSeconds(1);

  public static final ConnectionLimits DEFAULTS =
      new ConnectionLimits(
          DEFAULT_MAX_CONNECTIONS,
          Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS),
          DEFAULT_MAX_HEADER_BYTES,
          DEFAULT_MAX_HEADER_FIELDS);

  public ConnectionLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "max connections must be at least 1, got " + maxConnections);
    }
    if (idleTimeout.compareTo(IDLE_TIMEOUT_AT_CAP) < 0) {
      throw new IllegalArgumentException(
          "idle timeout must be at least "
              + IDLE_TIMEOUT_AT_CAP.toSeconds()
              + "s, got "
              + idleTimeout);
    }
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException(
          "max header size must be at least 1024 bytes, got " + maxHeaderBytes);
    }
    if (maxHeaderFields < 8) {
      throw new IllegalArgumentException(
          "max header fields must be at least 8, got " + maxHeaderFields);
    }
  }

  /**
   * The server's connector on {@code host:port} with these limits, already bound, so that a port in
   * use fails here (before the server starts and logs the failure its own way). Jetty's header
   * cache, which remembers header values across the requests of a connection, is off: it costs 96
   * KB per connection from the second request on, to save a few string copies per request.
   *
   * @param http the server's HTTP configuration, changed to these limits
   * @throws PortInUseException when the port is taken
   */
  ServerConnector openConnector(Server server, HttpConfiguration http, String host, int port) {
    http.setRequestHeaderSize(maxHeaderBytes);
    http.setHeaderCacheSize(0);
    ServerConnector connector =
        new ServerConnector(server, new HeaderFieldLimit(http, maxHeaderFields));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(idleTimeout.toMillis());
    // Connections over the cap wait in the kernel's accept queue (up to net.core.somaxconn).
    connector.setAcceptQueueSize(maxConnections);
    NetworkConnectionLimit limit = new NetworkConnectionLimit(maxConnections, connector);
    limit.setEndPointIdleTimeout(IDLE_TIMEOUT_AT_CAP.toMillis());
    server.addBean(limit);
    try {
      connector.open();
    } catch (IOException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          throw new PortInUseException(host, port, e);
        }
      }
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    return connector;
  }
}
