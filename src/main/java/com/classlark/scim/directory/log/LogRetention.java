package com.classlark.scim.directory.log;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes provisioning-log entries (and change events) older than the retention, on every node, in
 * batches of {@value #BATCH_SIZE} rows, each its own short transaction, so that no purge holds
 * locks for long or blocks the writers. Nodes that share a database may purge at the same moment:
 * each batch deletes rows by key, so one node finds the rows another deleted gone and moves on, and
 * no node needs to know of the others.
 */
public final class LogRetention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogRetention.class);

  /** The default retention, also for the change events (issue 15). */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  static final int BATCH_SIZE = 500;
  private static final Duration INTERVAL = Duration.ofMinutes(10);

  /** One kind of record that retention deletes: the provisioning log's entries, change events. */
  @FunctionalInterface
  public interface Purge {
    /** Deletes at most {@code limit} records older than {@code cutoff}; returns how many. */
    int deleteOlderThan(java.time.Instant cutoff, int limit);
  }

  private final List<Purge> purges;
  private final Duration retention;
  private final Clock clock;
  private final int batchSize;
  private ScheduledExecutorService scheduler;

  public LogRetention(ProvisioningLogStore store, Duration retention, Clock clock) {
    this(List.of(store::deleteOlderThan), retention, clock, BATCH_SIZE);
  }

  /** Retention of several kinds of record, each purged in turn, batch by batch. */
  public LogRetention(List<Purge> purges, Duration retention, Clock clock) {
    this(purges, retention, clock, BATCH_SIZE);
  }

  LogRetention(ProvisioningLogStore store, Duration retention, Clock clock, int batchSize) {
    this(List.of(store::deleteOlderThan), retention, clock, batchSize);
  }

  LogRetention(List<Purge> purges, Duration retention, Clock clock, int batchSize) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "log retention must be a positive duration, got " + retention);
    }
    this.purges = List.copyOf(purges);
    this.retention = retention;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  /** Purges now and then every ten minutes, on a daemon thread, until {@link #close()}. */
  public synchronized LogRetention start() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().daemon().name("provisioning-log-retention").factory());
      scheduler.scheduleWithFixedDelay(
          this::purgeLogged, 0, INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }
    return this;
  }

  /**
   * Deletes every entry older than the retention, batch by batch.
   *
   * @return how many entries it deleted
   */
  public long purge() {
    java.time.Instant cutoff = clock.instant().minus(retention);
    long total = 0;
    for (Purge purge : purges) {
      int deleted;
      do {
        deleted = purge.deleteOlderThan(cutoff, batchSize);
        total += deleted;
      } while (deleted >= batchSize);
    }
    return total;
  }

  private void purgeLogged() {
    try {
      long deleted = purge();
      if (deleted > 0) {
        log.info("deleted {} provisioning-log entries older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      log.warn("could not delete old provisioning-log entries ({})", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
