package com.classlark.scim.web;

import java.time.Duration;

/**
 * How the server stops on SIGTERM, see {@link GracefulShutdown}.
 *
 * @param drain how long the server goes on serving after {@code /readyz} turned 503, so that a load
 *     balancer stops sending it requests before it refuses them; 0 to refuse at once
 * @param timeout how long requests in flight then get to finish before their connections are closed
 */
public record ShutdownSettings(Duration drain, Duration timeout) {
  public static final int DEFAULT_DRAIN_SECONDS = 5;
  public static final int DEFAULT_TIMEOUT_SECONDS = 20;
  public static final ShutdownSettings DEFAULTS =
      new ShutdownSettings(
          Duration.ofSeconds(DEFAULT_DRAIN_SECONDS), Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));

  public ShutdownSettings {
    if (drain.isNegative()) {
      throw new IllegalArgumentException("shutdown drain must not be negative, got " + drain);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("shutdown timeout must be positive, got " + timeout);
    }
  }
}
