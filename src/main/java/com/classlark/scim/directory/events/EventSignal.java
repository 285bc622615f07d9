package com.classlark.scim.directory.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes whoever waits for something to happen to the change feed on this node: the sequencer when a
 * transaction that wrote events has committed, the long polls when the feed's head moved ({@link
 * FeedSequencer}). A waiter takes {@link #next()} before it looks and waits on it afterwards, so
 * what happens between its look and its wait still wakes it. Waiting on a future parks a virtual
 * thread without holding its carrier, and holds no database connection.
 */
public final class EventSignal {
  private final AtomicReference<CompletableFuture<Void>> next =
      new AtomicReference<>(new CompletableFuture<>());

  /** Completes at the first {@link #fire()} after this call. */
  public CompletableFuture<Void> next() {
    return next.get();
  }

  /** Wakes every waiter. */
  public void fire() {
    next.getAndSet(new CompletableFuture<>()).complete(null);
  }
}
