package com.classlark.scim.web;

/**
 * Where the management port listens: {@code /metrics}, {@code /healthz} and {@code /readyz}, for
 * monitoring only, apart from the port clients use.
 *
 * @param host address to bind, e.g. {@code 127.0.0.1}
 * @param port port to bind; 0 picks a free one
 */
public record ManagementSettings(String host, int port) {
  public ManagementSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "management port must be between 0 and 65535, got " + port);
    }
  }
}
