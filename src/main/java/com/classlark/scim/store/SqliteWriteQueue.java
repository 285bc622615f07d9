package com.classlark.scim.store;

import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Queues SQLite's transactions in Java, one at a time, before they ask SQLite for its write lock.
 * SQLite has one writer at a time and every transaction here takes the write lock at {@code BEGIN}
 * (see {@link Database}); without this queue, a transaction that finds the lock taken waits in
 * SQLite's busy handler, inside native code, where a virtual thread cannot unmount: a few waiting
 * writers then pin every carrier thread, and every other request of every school, reads and health
 * checks included, stops until they get the lock. A transaction waiting here is parked like any
 * other virtual thread, in arrival order.
 */
final class SqliteWriteQueue extends DelegatingTransactionHandler {
  private final Semaphore writer;

  SqliteWriteQueue(TransactionHandler delegate) {
    this(delegate, new Semaphore(1, true));
  }

  private SqliteWriteQueue(TransactionHandler delegate, Semaphore writer) {
    super(delegate);
    this.writer = writer;
  }

  @Override
  public TransactionHandler specialize(Handle handle) throws SQLException {
    return new SqliteWriteQueue(getDelegate().specialize(handle), writer);
  }

  @Override
  public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback)
      throws X {
    if (isInTransaction(handle)) {
      return super.inTransaction(handle, callback);
    }
    writer.acquireUninterruptibly();
    try {
      return super.inTransaction(handle, callback);
    } finally {
      writer.release();
    }
  }

  @Override
  public <R, X extends Exception> R inTransaction(
      Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
    if (isInTransaction(handle)) {
      return super.inTransaction(handle, level, callback);
    }
    writer.acquireUninterruptibly();
    try {
      return super.inTransaction(handle, level, callback);
    } finally {
      writer.release();
    }
  }
}
