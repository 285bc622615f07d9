package com.classlark.scim.directory.events;

import com.classlark.scim.directory.AccountStore;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reading the change feed (issue 15, docs/events.md): events after a cursor, of one school or of
 * every school, for callers with the {@code app} role, optionally held as a long poll.
 *
 * <p>A long poll holds no database connection while it waits (each read takes one and gives it
 * back) and no carrier thread (it parks on a future). It reads again when the feed's head moved, as
 * this node's {@link FeedSequencer} reports: at once for events this node committed, within the
 * sequencer's interval for those of other nodes. At most {@code maxWaiting} polls wait at once on a
 * node; more are refused with a problem that says to retry. {@link #close} ends every wait, for a
 * prompt shutdown.
 */
public final class ChangeFeed implements AutoCloseable {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  public static final int MAX_WAIT_SECONDS = 30;

  /** The rule a bad {@code limit} breaks, in the words of a validation problem. */
  public static final String LIMIT_RULE = "must be a whole number between 1 and " + MAX_LIMIT + ".";

  /** The rule a bad {@code wait} breaks. */
  public static final String WAIT_RULE =
      "must be a whole number of seconds between 0 and " + MAX_WAIT_SECONDS + ".";

  private final EventStore store;
  private final AccountStore accounts;
  private final EventSignal advanced;
  private final int maxWaiting;
  private final Semaphore waiting;
  private final CompletableFuture<Void> closing = new CompletableFuture<>();

  /**
   * @param advanced fires when the feed's head moved ({@link FeedSequencer#advanced()})
   * @param maxWaiting the most long polls that wait at once on this node
   */
  public ChangeFeed(EventStore store, AccountStore accounts, EventSignal advanced, int maxWaiting) {
    if (maxWaiting < 1) {
      throw new IllegalArgumentException("maxWaiting must be at least 1, got " + maxWaiting);
    }
    this.store = store;
    this.accounts = accounts;
    this.advanced = advanced;
    this.maxWaiting = maxWaiting;
    this.waiting = new Semaphore(maxWaiting);
  }

  /**
   * The events after {@code after}, waiting up to {@code waitSeconds} for one when there is none.
   *
   * @param school the school whose events, or {@code null} for every school's
   * @param after a cursor from an earlier page, or {@code null} to start with the oldest event kept
   * @param limit events per page, or {@code null} for {@value #DEFAULT_LIMIT}
   * @param waitSeconds how long to wait for an event, 0 to {@value #MAX_WAIT_SECONDS}, or {@code
   *     null} for 0
   */
  public FeedPage read(
      Caller caller, String school, String after, Integer limit, Integer waitSeconds) {
    caller.require(ApiKeyRole.APP, "read the change feed");
    if (school != null && accounts.find(school).isEmpty()) {
      throw Problems.schoolNotFound(school);
    }
    int size = limit == null ? DEFAULT_LIMIT : limit;
    int wait = waitSeconds == null ? 0 : waitSeconds;
    if (size < 1 || size > MAX_LIMIT) {
      throw invalid("limit", LIMIT_RULE);
    }
    if (wait < 0 || wait > MAX_WAIT_SECONDS) {
      throw invalid("wait", WAIT_RULE);
    }
    FeedPosition position = after == null ? FeedPosition.START : FeedPosition.decode(after);
    if (after != null && !store.contains(position)) {
      throw Problems.cursorExpired();
    }
    List<FeedEvent> events = store.after(school, position, size);
    if (events.isEmpty() && wait > 0 && !closing.isDone()) {
      events = await(school, position, size, Duration.ofSeconds(wait));
    }
    String next = events.isEmpty() ? after : events.get(events.size() - 1).position().encode();
    return new FeedPage(events, next);
  }

  private List<FeedEvent> await(String school, FeedPosition position, int size, Duration wait) {
    if (!waiting.tryAcquire()) {
      throw Problems.tooManyWaiting(maxWaiting);
    }
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        // Taken before the read: a head that moves between the read and the wait completes it.
        CompletableFuture<Void> moved = advanced.next();
        List<FeedEvent> events = store.after(school, position, size);
        long remaining = deadline - System.nanoTime();
        if (!events.isEmpty() || remaining <= 0 || closing.isDone()) {
          return events;
        }
        try {
          CompletableFuture.anyOf(moved, closing).get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // The wait is over: the loop reads once more and answers.
        } catch (ExecutionException e) {
          throw new IllegalStateException("the event signal failed", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return List.of();
        }
      }
    } finally {
      waiting.release();
    }
  }

  /** Long polls waiting now; for metrics and tests. */
  public int waiting() {
    return maxWaiting - waiting.availablePermits();
  }

  /** Ends every wait now, and lets no request wait from now on: a shutdown's first step. */
  @Override
  public void close() {
    closing.complete(null);
  }

  private static RuntimeException invalid(String field, String rule) {
    return Problems.validation(List.of(new FieldError(field, rule)));
  }
}
