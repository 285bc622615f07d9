package com.classlark.scim.web;

/**
 * How the one HTTP server listens, what it accepts and how it stops.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0}
 * @param port port to bind; 0 picks a free one
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param publicBaseUrl the base URL clients use (e.g. {@code https://scim.classlark.example}), or
 *     {@code null} to derive it from each request and its {@code X-Forwarded-Proto}/{@code
 *     X-Forwarded-Host}
 * @param connections limits on connections and request heads
 * @param shutdown how the server stops on SIGTERM
 */
public record HttpSettings(
    String host,
    int port,
    long maxBodyBytes,
    String publicBaseUrl,
    ConnectionLimits connections,
    ShutdownSettings shutdown) {
  public static final long DEFAULT_MAX_BODY_BYTES = 2L * 1024 * 1024;

  public HttpSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException(
          "max body size must be at least 1024 bytes, got " + maxBodyBytes);
    }
    if (publicBaseUrl != null) {
      if (!publicBaseUrl.startsWith("http://") && !publicBaseUrl.startsWith("https://")) {
        throw new IllegalArgumentException(
            "base URL must start with http:// or https://, got " + publicBaseUrl);
      }
      publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }
  }

  /** Settings with the default connection limits and shutdown. */
  public HttpSettings(String host, int port, long maxBodyBytes, String publicBaseUrl) {
    this(
        host,
        port,
        maxBodyBytes,
        publicBaseUrl,
        ConnectionLimits.DEFAULTS,
        ShutdownSettings.DEFAULTS);
  }
}
