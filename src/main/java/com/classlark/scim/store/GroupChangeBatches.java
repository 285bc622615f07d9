package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.patch.MembershipChange;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
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

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final List<ArrayDeque<Waiting>> queues = new ArrayList<>();

  GroupChangeBatches() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
      queues.add(new ArrayDeque<>());
    }
  }

  private static int stripe(String accountId, String groupId) {
    return Math.floorMod(31 * accountId.hashCode() + groupId.hashCode(), STRIPES);
  }

  /**
   * Applies {@code changes} to the group, together with the changes other requests are waiting to
   * make to it, and returns the group afterwards (empty when there is no such group).
   */
  Optional<StoredResource> submit(
      String accountId,
      String groupId,
      Instant at,
      List<MembershipChange> changes,
      Applier applier) {
    Waiting mine = new Waiting(accountId, groupId, at, changes);
    int stripe = stripe(accountId, groupId);
    ArrayDeque<Waiting> queue = queues.get(stripe);
    synchronized (queue) {
      queue.add(mine);
    }
    ReentrantLock lock = locks[stripe];
    lock.lock();
    try {
      if (!mine.done) {
        List<Waiting> batch = new ArrayList<>();
        synchronized (queue) {
          for (Iterator<Waiting> waiting = queue.iterator(); waiting.hasNext(); ) {
            Waiting next = waiting.next();
            if (next.sameGroup(mine)) {
              batch.add(next);
              waiting.remove();
            }
          }
        }
        try {
          applier.apply(batch);
        } catch (RuntimeException e) {
          batch.stream().filter(waiting -> !waiting.done).forEach(waiting -> waiting.fail(e));
        }
      }
    } finally {
      lock.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.result;
  }
}
