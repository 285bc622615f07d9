package com.classlark.scim.directory.events;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes the long polls of this node when a transaction that wrote events has committed. A waiter
 * takes {@link #next()} before it reads the feed and waits on it afterwards, so an event committed
 * between its read and its wait still wakes it. Waiting on a future parks a virtual thread without
 * holding its carrier, and holds no database connection.
 */
public final class EventSignal {
  private final AtomicReference<CompletableFuture<Void>> next =
      new AtomicReference<>(new CompletableFuture<>());

  /** Completes when events commit after this call (or at {@link #close}). */
  public CompletableFuture<Void> next() {
    return next.get();
  }

  /** Called after a transaction that wrote events committed. */
  public void committed() {
    next.getAndSet(new CompletableFuture<>()).complete(null);
  }
}
