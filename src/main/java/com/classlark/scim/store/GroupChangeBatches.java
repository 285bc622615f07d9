package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.patch.MembershipChange;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies concurrent membership changes to one group together. A group's changes are serialised by
 * its row lock, which PostgreSQL holds until the commit's WAL flush: one flush per change bounds a
 * group's changes per second however little each does. Here a request that finds its group busy
 * waits in line; the next one to get the group takes every change waiting for it and applies them
 * in one transaction (one version bump, one flush), and each request gets its own outcome.
 * Sequential requests are never combined, so a client that waits for each answer sees one version
 * per change.
 */
final class GroupChangeBatches {
  private static final int STRIPES = 64;

  /** One request's changes to one group, and what became of them. */
  static final class Waiting {
    final String accountId;
    final String groupId;
    final Instant at;
    final List<MembershipChange> changes;
    private boolean done;
    private Optional<StoredResource> result;
    private RuntimeException failure;

    private Waiting(String accountId, String groupId, Instant at, List<MembershipChange> changes) {
      this.accountId = accountId;
      this.groupId = groupId;
      this.at = at;
      this.changes = changes;
    }

    void succeed(Optional<StoredResource> group) {
      result = group;
      done = true;
    }

    void fail(RuntimeException error) {
      failure = error;
      done = true;
    }

    private boolean sameGroup(Waiting other) {
      return accountId.equals(other.accountId) && groupId.equals(other.groupId);
    }
  }

  /** Applies the changes of a batch of one group in one transaction and settles every one. */
  @FunctionalInterface
  interface Applier {
    void apply(List<Waiting> batch);
  }

  /**
   * The requests of one stripe of groups: those waiting, and whether one of them is applying a
   * batch. Guarded by {@link #mutex}, which is held only to queue, to take a batch and to hand on,
   * never while a batch is applied.
   */
  private static final class Stripe {
    final ReentrantLock mutex = new ReentrantLock();
    final Condition handedOn = mutex.newCondition();
    final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    boolean applying;
  }

  private final Stripe[] stripes = new Stripe[STRIPES];

  GroupChangeBatches() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  private static int stripe(String accountId, String groupId) {
    return Math.floorMod(31 * accountId.hashCode() + groupId.hashCode(), STRIPES);
  }

  /**
   * Applies {@code changes} to the group, together with the changes other requests are waiting to
   * make to it, and returns the group afterwards (empty when there is no such group).
   *
   * <p>A request whose change another request applied learns it as soon as that batch ends: every
   * waiting request is woken then, and one whose change is done returns without taking a turn. (A
   * lock that every request had to take to find out would keep it waiting behind the next batch as
   * well, which a request arriving meanwhile may start first.)
   */
  Optional<StoredResource> submit(
      String accountId,
      String groupId,
      Instant at,
      List<MembershipChange> changes,
      Applier applier) {
    Waiting mine = new Waiting(accountId, groupId, at, changes);
    Stripe stripe = stripes[stripe(accountId, groupId)];
    List<Waiting> batch = new ArrayList<>();
    stripe.mutex.lock();
    try {
      stripe.queue.add(mine);
      while (!mine.done && stripe.applying) {
        stripe.handedOn.awaitUninterruptibly();
      }
      if (!mine.done) {
        stripe.applying = true;
        for (Iterator<Waiting> waiting = stripe.queue.iterator(); waiting.hasNext(); ) {
          Waiting next = waiting.next();
          if (next.sameGroup(mine)) {
            batch.add(next);
            waiting.remove();
          }
        }
      }
    } finally {
      stripe.mutex.unlock();
    }
    if (!batch.isEmpty()) {
      try {
        applier.apply(batch);
      } catch (RuntimeException e) {
        batch.stream().filter(waiting -> !waiting.done).forEach(waiting -> waiting.fail(e));
      } catch (Error e) {
        // Taken out of the queue, the others cannot take a turn again: each must end here.
        RuntimeException failure = new IllegalStateException("a batch of changes failed", e);
        batch.stream().filter(waiting -> !waiting.done).forEach(waiting -> waiting.fail(failure));
        throw e;
      } finally {
        stripe.mutex.lock();
        try {
          stripe.applying = false;
          stripe.handedOn.signalAll();
        } finally {
          stripe.mutex.unlock();
        }
      }
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.result;
  }
}
