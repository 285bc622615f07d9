package com.classlark.scim.directory.events;

import java.time.Instant;
import java.util.List;

/** Reading and purging the change feed; events are written by the stores that make the changes. */
public interface EventStore {
  /**
   * The events after {@code after} in feed order, at most {@code limit}: only events that have a
   * position, and no event can later get a position before one handed out here, so a consumer that
   * resumes after the last one never misses an event.
   *
   * @param school the school whose events, or {@code null} for every school's
   */
  List<FeedEvent> after(String school, FeedPosition after, int limit);

  /** True when the event at this position is still kept. */
  boolean contains(FeedPosition position);

  /**
   * Gives a position to every committed event that has none yet (where the engine needs it), and
   * returns the newest position given out: the feed's head, which changes when there is something
   * new to read. Safe to call from several nodes at once.
   */
  long sequence();

  /**
   * {@link #sequence}, right after this node committed events: there are events to number, unless
   * another node's sequencer numbered them already, so the store need not look first.
   */
  default long sequenceAfterCommit() {
    return sequence();
  }

  /**
   * True when an event has its position once its transaction committed (SQLite, whose writers
   * number their events under the one write lock): a commit then moves the head without a {@link
   * #sequence} run.
   */
  default boolean positionedAtCommit() {
    return false;
  }

  /** Deletes at most {@code limit} events older than {@code cutoff}; returns how many. */
  int deleteOlderThan(Instant cutoff, int limit);
}
