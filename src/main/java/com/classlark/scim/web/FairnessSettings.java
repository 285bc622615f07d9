package com.classlark.scim.web;

import java.time.Duration;

/**
 * How much of one node a single school may use, see {@link SchoolFairness}.
 *
 * @param ratePerSecond requests per second each school may sustain; 0 turns the rate limit off
 * @param burst requests a school may send at once above that rate (the size of its token bucket);
 *     at least 1 when the rate limit is on
 * @param concurrentRequests requests of one school in progress at once; 0 turns the cap off
 * @param queueTimeout how long a request over the concurrency cap waits for one of its school's
 *     requests to finish before it is refused with 429
 */
public record FairnessSettings(
    int ratePerSecond, int burst, int concurrentRequests, Duration queueTimeout) {

  /**
   * Twice the 25 requests per second per tenant that Microsoft Entra ID asks of the SCIM endpoints
   * of its gallery apps, so that a school's full sync never meets the limit.
   */
  public static final int DEFAULT_RATE_PER_SECOND = 50;

  /**
   * Two seconds of the default rate, for the bursts an identity provider sends at a cycle's start.
   */
  public static final int DEFAULT_BURST = 100;

  /** Long enough to ride out a slow write of the same school, short against a client's timeout. */
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(5);

  /** The highest rate and burst accepted: far above what one node serves, far below overflow. */
  public static final int MAX_RATE_PER_SECOND = 1_000_000;

  /** No limit at all. */
  public static final FairnessSettings OFF = new FairnessSettings(0, 0, 0, Duration.ZERO);

  public FairnessSettings {
    if (ratePerSecond < 0 || ratePerSecond > MAX_RATE_PER_SECOND) {
      throw new IllegalArgumentException(
          "rate limit must be 0 (off) or a number of requests per second up to "
              + MAX_RATE_PER_SECOND
              + ", got "
              + ratePerSecond);
    }
    if (ratePerSecond > 0 && (burst < 1 || burst > MAX_RATE_PER_SECOND)) {
      throw new IllegalArgumentException(
          "rate burst must be between 1 and " + MAX_RATE_PER_SECOND + ", got " + burst);
    }
    if (concurrentRequests < 0) {
      throw new IllegalArgumentException(
          "concurrent requests per school must be 0 (off) or more, got " + concurrentRequests);
    }
    if (queueTimeout.isNegative()) {
      throw new IllegalArgumentException("queue timeout must not be negative, got " + queueTimeout);
    }
  }

  /**
   * The default concurrency cap for a connection pool of {@code poolSize}: half of it, so that one
   * school never holds more than half of the pool and the others always find a connection.
   */
  public static int defaultConcurrentRequests(int poolSize) {
    return Math.max(1, poolSize / 2);
  }

  boolean rateLimited() {
    return ratePerSecond > 0;
  }

  boolean concurrencyCapped() {
    return concurrentRequests > 0;
  }
}
