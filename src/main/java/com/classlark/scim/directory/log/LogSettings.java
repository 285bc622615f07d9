package com.classlark.scim.directory.log;

import java.time.Duration;

/**
 * How a node keeps the provisioning log.
 *
 * @param enabled false records nothing (for benchmarks that measure the log's cost); retention
 *     still runs
 * @param retention entries older than this are deleted ({@code --log-retention})
 * @param queueCapacity entries the asynchronous writer holds before it drops new ones
 */
public record LogSettings(boolean enabled, Duration retention, int queueCapacity) {
  public static final LogSettings DEFAULT =
      new LogSettings(true, LogRetention.DEFAULT_RETENTION, ProvisioningLogWriter.DEFAULT_CAPACITY);

  public LogSettings {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "--log-retention must be a positive duration, got " + retention);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException(
          "the provisioning-log queue capacity must be at least 1, got " + queueCapacity);
    }
  }

  public LogSettings withRetention(Duration other) {
    return new LogSettings(enabled, other, queueCapacity);
  }

  public LogSettings withEnabled(boolean other) {
    return new LogSettings(other, retention, queueCapacity);
  }

  public LogSettings withQueueCapacity(int other) {
    return new LogSettings(enabled, retention, other);
  }
}
