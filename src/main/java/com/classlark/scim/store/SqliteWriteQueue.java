package com.classlark.scim.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Queues SQLite's transactions in Java before they ask SQLite for its write lock, and commits the
 * transactions that queued up together as one: group commit.
 *
 * <p><b>Why a queue.</b> SQLite has one writer at a time and every transaction here takes the write
 * lock at {@code BEGIN} (see {@link Database}); without this queue, a transaction that finds the
 * lock taken waits in SQLite's busy handler, inside native code, where a virtual thread cannot
 * unmount: a few waiting writers then pin every carrier thread, and every other request of every
 * school, reads and health checks included, stops until they get the lock. A transaction waiting
 * here is parked like any other virtual thread, in arrival order.
 *
 * <p><b>Why together.</b> Requests that arrive while a transaction runs wait for it anyway. The
 * next one to run, the <i>leader</i>, runs its own work and then the work of the requests queued
 * behind it (at most {@link #MOST_PER_COMMIT}, and no more once the group has run for {@link
 * #GATHER_NANOS}) on its own connection, in one transaction with one commit, and hands each request
 * its own outcome. A commit writes every page the transaction changed to the write-ahead log; the
 * pages a group's writes share (the change feed's last pages, the indexes' upper pages, the
 * school's counters) are written once per group instead of once per request, and the lock passes
 * from one thread to the next once per group.
 *
 * <p>Each request keeps its own outcome. Every piece of work after the group's first runs inside a
 * savepoint: work that fails is rolled back to it alone and its request gets its own exception,
 * while the others' work commits. (The first needs none: when it fails, the transaction rolls back
 * with nothing else in it, and the requests behind it form the next group.) A request learns of
 * success only after the commit; when the commit fails, every request of the group whose work had
 * succeeded gets that failure, nothing of the group being written. Work is run as it would be on
 * its own connection: the callback receives the leader's handle, in a transaction, and the store
 * code never uses another handle inside a transaction (a transaction inside one runs in it), holds
 * no Java lock that the work itself takes, and keeps no thread-local state the work reads.
 */
final class SqliteWriteQueue extends DelegatingTransactionHandler {
  /** The most pieces of work one commit carries. */
  static final int MOST_PER_COMMIT = 32;

  /** A group takes no more work once it has run this long, so that its first answer is not late. */
  static final long GATHER_NANOS = 5_000_000;

  /** Set while the calling thread asks for a transaction that must open its group. */
  private static final ThreadLocal<Boolean> OPENS_GROUP = new ThreadLocal<>();

  private final Line line;

  SqliteWriteQueue(TransactionHandler delegate) {
    this(delegate, new Line());
  }

  private SqliteWriteQueue(TransactionHandler delegate, Line line) {
    super(delegate);
    this.line = line;
  }

  @Override
  public TransactionHandler specialize(Handle handle) throws java.sql.SQLException {
    return new SqliteWriteQueue(getDelegate().specialize(handle), line);
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback)
      throws X {
    if (isInTransaction(handle)) {
      return super.inTransaction(handle, callback);
    }
    return inLine(handle, callback);
  }

  /** SQLite's transactions are serializable whatever the level asked for. */
  @Override
  public <R, X extends Exception> R inTransaction(
      Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
    return inTransaction(handle, callback);
  }

  /**
   * Runs {@code transaction}, whose SQLite transaction comes first in its group and so never runs
   * in another's savepoint: for large transactions, such as a batch of provisioning-log entries. In
   * a savepoint SQLite first copies every page the transaction changes to its statement journal (a
   * temporary file past 64 KiB; a log batch changes a few hundred pages), and every request grouped
   * before it would wait for its answer until the batch is done. The flag is read on the calling
   * thread, before the work is queued; on PostgreSQL it does nothing.
   */
  static void opensItsGroup(Runnable transaction) {
    OPENS_GROUP.set(Boolean.TRUE);
    try {
      transaction.run();
    } finally {
      OPENS_GROUP.remove();
    }
  }

  private <R, X extends Exception> R inLine(Handle handle, HandleCallback<R, X> callback) throws X {
    Work<R> mine = new Work<>(callback, OPENS_GROUP.get() != null);
    if (!line.join(mine)) {
      mine.awaitTurn();
    }
    if (mine.leads) {
      try {
        commitGroup(handle, mine);
      } finally {
        line.handOver();
      }
    }
    return mine.outcome();
  }

  /** Runs {@code first} and the work queued behind it in one transaction on the leader's handle. */
  private void commitGroup(Handle handle, Work<?> first) {
    // Out of the queue before anything can fail: a BEGIN that fails is the first work's failure.
    line.take(first);
    List<Work<?>> group = new ArrayList<>(List.of(first));
    try {
      super.inTransaction(
          handle,
          transaction -> {
            if (!first.run(transaction)) {
              throw new FirstFailed();
            }
            long started = System.nanoTime();
            Work<?> next;
            while (group.size() < MOST_PER_COMMIT
                && System.nanoTime() - started < GATHER_NANOS
                && (next = line.pollJoining()) != null) {
              group.add(next);
              next.runInSavepoint(transaction);
            }
            return null;
          });
      group.forEach(Work::settle);
    } catch (FirstFailed rolledBack) {
      first.settle();
    } catch (Throwable commitFailed) {
      for (Work<?> work : group) {
        work.failUnlessFailed(commitFailed);
        work.settle();
      }
    }
  }

  /** The first work's own failure, already recorded on it: the transaction rolls back. */
  private static final class FirstFailed extends RuntimeException {
    FirstFailed() {
      super("the group's first work failed", null, false, false);
    }
  }

  /**
   * The queued work and whether a leader is running; a leader hands over to the head of the queue.
   * Invariant: when no leader runs, the queue is empty.
   */
  private static final class Line {
    private final ArrayDeque<Work<?>> queued = new ArrayDeque<>();
    private boolean leading;

    /** Queues the work; true when it leads at once. */
    synchronized boolean join(Work<?> work) {
      queued.add(work);
      if (!leading) {
        leading = true;
        work.leads = true;
        return true;
      }
      return false;
    }

    synchronized void take(Work<?> work) {
      queued.remove(work);
    }

    /** The head of the queue, unless there is none or it opens a group of its own. */
    synchronized Work<?> pollJoining() {
      Work<?> head = queued.peek();
      return head == null || head.opensGroup ? null : queued.poll();
    }

    /** After a group: the head of the queue leads next, or no one does. */
    void handOver() {
      Work<?> next;
      synchronized (this) {
        next = queued.peek();
        if (next == null) {
          leading = false;
          return;
        }
      }
      next.lead();
    }
  }

  /** One transaction's work, its outcome, and the signal its thread waits for. */
  private static final class Work<R> {
    private final HandleCallback<R, ? extends Exception> callback;
    private final boolean opensGroup;
    private final CountDownLatch turn = new CountDownLatch(1);
    private volatile boolean leads;
    private R result;
    private Throwable failure;

    Work(HandleCallback<R, ? extends Exception> callback, boolean opensGroup) {
      this.callback = callback;
      this.opensGroup = opensGroup;
    }

    /** Runs the work; false when it failed (its failure is kept). */
    boolean run(Handle transaction) {
      try {
        result = callback.withHandle(transaction);
        return true;
      } catch (Throwable e) {
        failure = e;
        return false;
      }
    }

    /** Runs the work inside a savepoint and rolls it back alone when it fails. */
    void runInSavepoint(Handle transaction) {
      transaction.execute("SAVEPOINT work");
      if (run(transaction)) {
        transaction.execute("RELEASE work");
      } else {
        // When SQLite rolled the whole transaction back itself (a full disk, an I/O error), this
        // fails and so does the group: every work of it learns, none of it is written.
        transaction.execute("ROLLBACK TO work");
        transaction.execute("RELEASE work");
      }
    }

    void failUnlessFailed(Throwable commitFailed) {
      if (failure == null) {
        failure = commitFailed;
        result = null;
      }
    }

    /** Hands the outcome to the work's thread (the leader's own reads it after the group). */
    void settle() {
      turn.countDown();
    }

    void lead() {
      leads = true;
      turn.countDown();
    }

    void awaitTurn() {
      boolean interrupted = false;
      while (true) {
        try {
          turn.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    <X extends Exception> R outcome() throws X {
      if (failure != null) {
        throw Work.<RuntimeException>sneaky(failure);
      }
      return result;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable failure) throws T {
      throw (T) failure;
    }
  }
}
