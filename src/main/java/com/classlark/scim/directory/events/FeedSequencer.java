package com.classlark.scim.directory.events;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's sequencer of the change feed: gives positions to committed events that have none
 * ({@link EventStore#sequence}) and wakes this node's long polls ({@link #advanced()}) whenever the
 * feed's head moved, whichever node wrote or numbered the events.
 *
 * <p>It runs at once when this node commits events ({@link EventSignal}, fired by the writers), but
 * never sooner than {@link #COMMIT_GAP} after the start of its last run, and otherwise every {@link
 * #INTERVAL}, which bounds how late it sees another node's events, and numbers the events of a node
 * that crashed between its commit and its sequencing. So an event committed on one node is readable
 * there at once (one sequencer transaction later, and at most {@link #COMMIT_GAP} more under load)
 * and wakes the long polls of every other node within {@link #INTERVAL} (docs/events.md). Several
 * nodes' sequencers may run at once: the store serialises them.
 */
public final class FeedSequencer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FeedSequencer.class);

  /** How often the sequencer runs without a commit of this node to wake it. */
  public static final Duration INTERVAL = Duration.ofMillis(250);

  private final EventStore store;
  private final EventSignal committed;
  private final EventSignal advanced = new EventSignal();

  /**
   * The least time between the starts of two runs that this node's commits wake, where events wait
   * for the sequencer (PostgreSQL): under load one run numbers the events of many commits. A run is
   * five statements; run after every commit, the runs were a fifth of PostgreSQL's transactions
   * during a PATCH load (docs/benchmarks.md, "The sequencer's runs under load").
   */
  public static final Duration COMMIT_GAP = Duration.ofMillis(20);

  private final Duration interval;
  private final Duration gap;
  private final CompletableFuture<Void> closing = new CompletableFuture<>();
  private Thread thread;
  private long head = -1;
  private boolean failing;

  /**
   * @param committed fires when this node commits events
   */
  public FeedSequencer(EventStore store, EventSignal committed) {
    this(store, committed, INTERVAL, COMMIT_GAP);
  }

  FeedSequencer(EventStore store, EventSignal committed, Duration interval, Duration gap) {
    this.store = store;
    this.committed = committed;
    this.interval = interval;
    this.gap = gap;
  }

  /** Fires when the feed's head moved: what the long polls of this node wait for. */
  public EventSignal advanced() {
    return advanced;
  }

  /** Starts sequencing on a daemon thread until {@link #close}; once. */
  public synchronized FeedSequencer start() {
    if (thread == null && !closing.isDone()) {
      thread = Thread.ofPlatform().daemon().name("change-feed-sequencer").start(this::run);
    }
    return this;
  }

  private void run() {
    boolean woken = false;
    long lastRun = 0; // set by the first run, which is never a commit's
    while (!closing.isDone()) {
      // Taken before the run: a commit during it makes the next run start at once.
      CompletableFuture<Void> next = committed.next();
      if (woken && store.positionedAtCommit()) {
        // This node's commit gave its events their positions: the head moved, nothing to number
        // and nothing to read. (A query per commit took a pool connection and 2% of the CPU of a
        // busy SQLite node, for nothing the long polls do not read themselves.)
        advanced.fire();
      } else {
        lastRun = System.nanoTime();
        runOnce(woken);
      }
      try {
        CompletableFuture.anyOf(next, closing).get(interval.toNanos(), TimeUnit.NANOSECONDS);
        woken = true;
        if (!store.positionedAtCommit()) {
          awaitGap(lastRun);
        }
      } catch (TimeoutException e) {
        // Run again: another node may have committed or numbered events.
        woken = false;
      } catch (ExecutionException e) {
        throw new IllegalStateException("the event signal failed", e);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Waits until {@link #gap} after {@code lastRun} (a {@link System#nanoTime}), or until closed.
   * The commits meanwhile are numbered by the next run.
   */
  private void awaitGap(long lastRun) throws ExecutionException, InterruptedException {
    long left = lastRun + gap.toNanos() - System.nanoTime();
    if (left <= 0) {
      return;
    }
    try {
      closing.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // The gap has passed.
    }
  }

  /**
   * One run: numbers what is committed and wakes the long polls when the head moved.
   *
   * @param afterCommit whether a commit of this node woke it
   */
  private void runOnce(boolean afterCommit) {
    long now;
    try {
      now = afterCommit ? store.sequenceAfterCommit() : store.sequence();
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("the change feed's sequencer failed ({}); retrying", e.toString());
      }
      failing = true;
      return;
    }
    if (failing) {
      log.info("the change feed's sequencer works again");
      failing = false;
    }
    if (now != head) {
      head = now;
      advanced.fire();
    }
  }

  /** Stops the sequencer; events it did not number are numbered by another node or a restart. */
  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      closing.complete(null);
      running = thread;
    }
    if (running != null) {
      try {
        running.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
