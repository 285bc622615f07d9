package com.classlark.scim.directory.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes provisioning-log entries off the request path: a request hands its entry to a bounded
 * queue and goes on; one thread inserts what the queue holds in batches.
 *
 * <p>An entry is written within about {@link #LINGER} of its request (longer only while the
 * database is slow): the thread gathers what arrives in that time into one insert.
 *
 * <p>Loss modes, by design (the log is a diagnostic aid, never a reason to slow or fail a request):
 *
 * <ul>
 *   <li><b>Full queue</b>: {@link #submit} never waits; an entry that finds the queue full is
 *       dropped and counted ({@link #dropped()}, the metric {@code provisioning_log_dropped}).
 *   <li><b>Database error</b>: a batch whose insert fails is dropped, counted ({@link #failed()})
 *       and logged by its size only, never its content.
 *   <li><b>Crash</b> ({@code kill -9}, out of memory): the entries still queued, at most the
 *       queue's capacity and in practice the last few milliseconds of requests, are lost. A
 *       graceful shutdown ({@link #close}) writes them first.
 * </ul>
 */
public final class ProvisioningLogWriter implements LogSink, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProvisioningLogWriter.class);

  /** Entries a queue holds by default: a few seconds of a very busy node's writes. */
  public static final int DEFAULT_CAPACITY = 10_000;

  static final int BATCH_SIZE = 200;

  /** How long a batch waits for more entries after its first: how late an entry may be written. */
  static final Duration LINGER = Duration.ofMillis(100);

  private static final Duration CLOSE_CHECK = Duration.ofMillis(20);

  private final ProvisioningLogStore store;
  private final Duration linger;
  private final BlockingQueue<LogEntry> queue;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread thread;

  private ProvisioningLogWriter(ProvisioningLogStore store, int capacity, Duration linger) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
    }
    this.store = store;
    this.linger = linger;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().daemon().name("provisioning-log-writer").unstarted(this::run);
  }

  /** A writer whose thread runs. */
  public static ProvisioningLogWriter start(ProvisioningLogStore store, int capacity) {
    return start(store, capacity, LINGER);
  }

  /** A writer whose batches wait {@code linger} for more entries (tests: a linger that shows). */
  static ProvisioningLogWriter start(ProvisioningLogStore store, int capacity, Duration linger) {
    ProvisioningLogWriter writer = new ProvisioningLogWriter(store, capacity, linger);
    writer.thread.start();
    return writer;
  }

  /**
   * Queues an entry without ever waiting.
   *
   * @return false when the entry was dropped: the queue was full or the writer closed
   */
  @Override
  public boolean submit(LogEntry entry) {
    // Counted before the offer, so that pending() never misses an entry the thread already took.
    accepted.incrementAndGet();
    if (closed.get() || !queue.offer(entry)) {
      accepted.decrementAndGet();
      dropped.increment();
      return false;
    }
    return true;
  }

  /**
   * Entries accepted and not yet written (or failed): the queue and the batch being inserted. Zero
   * once every entry a finished request handed over is in the database (the metric {@code
   * provisioning_log_pending}).
   */
  public long pending() {
    return accepted.get() - processed.get();
  }

  /** Entries waiting in the queue, not yet taken into a batch. */
  int queued() {
    return queue.size();
  }

  /** Entries dropped because the queue was full or the writer closed. */
  public long dropped() {
    return dropped.sum();
  }

  /** Entries lost because their insert failed. */
  public long failed() {
    return failed.sum();
  }

  private void run() {
    List<LogEntry> batch = new ArrayList<>(BATCH_SIZE);
    while (!closed.get() || !queue.isEmpty()) {
      try {
        LogEntry first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        gather(batch);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Adds what arrives within the linger ({@link #LINGER}) of the batch's first entry, up to {@link
   * #BATCH_SIZE}: under load one insert transaction carries many requests' entries instead of each
   * request's own. On SQLite, whose writes take turns on one lock, an insert per entry cost the
   * requests' writes about a third of their rate.
   *
   * <p>The thread sleeps through the linger instead of waking for each entry that arrives: a
   * wake-up per request is a context switch per request on the cores that serve the requests, where
   * the writer's thread competes with the request threads, the one holding SQLite's write lock
   * included (see docs/benchmarks.md, the log's cost on SQLite). A queue that already holds a whole
   * batch is taken at once. Closing ends the wait.
   */
  private void gather(List<LogEntry> batch) {
    queue.drainTo(batch, BATCH_SIZE - batch.size());
    long deadline = System.nanoTime() + linger.toNanos();
    while (batch.size() < BATCH_SIZE && !closed.get()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(this, Math.min(left, CLOSE_CHECK.toNanos()));
      if (Thread.currentThread().isInterrupted()) {
        break;
      }
      if (queue.size() >= BATCH_SIZE - batch.size()) {
        break;
      }
    }
    queue.drainTo(batch, BATCH_SIZE - batch.size());
  }

  private void write(List<LogEntry> batch) {
    try {
      store.insert(batch);
    } catch (RuntimeException e) {
      failed.add(batch.size());
      log.warn(
          "could not write {} provisioning-log entries; they are lost ({})",
          batch.size(),
          e.getClass().getSimpleName());
    } finally {
      processed.addAndGet(batch.size());
    }
  }

  /**
   * Stops accepting entries and writes those queued, waiting at most {@code timeout}.
   *
   * @return true when every queued entry was written (or failed) in time
   */
  public boolean close(Duration timeout) {
    closed.set(true);
    if (!thread.isAlive()) {
      return queue.isEmpty();
    }
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !thread.isAlive();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
