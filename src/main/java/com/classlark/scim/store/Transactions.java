package com.classlark.scim.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs one short transaction, retrying the whole of it when the database reports a serialization
 * failure or deadlock (SQLSTATE 40001/40P01), as distributed PostgreSQL engines require.
 */
final class Transactions {
  private static final int MAX_ATTEMPTS = 5;

  private Transactions() {}

  static <T> T inTransaction(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
    return retried(() -> jdbi.inTransaction(work));
  }

  /**
   * Runs work that sends one write statement in autocommit, so that it is its own transaction: one
   * round trip to PostgreSQL where {@code BEGIN}, the statements and {@code COMMIT} take two or
   * more. Retried as {@link #inTransaction} is. PostgreSQL only: SQLite's writes take their turn in
   * the transactions of {@link SqliteWriteQueue}.
   */
  static <T> T inOneStatement(Jdbi jdbi, HandleCallback<T, RuntimeException> work) {
    return retried(() -> jdbi.withHandle(work));
  }

  private static <T> T retried(java.util.function.Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt >= MAX_ATTEMPTS || !SqlErrors.isRetryable(e)) {
          throw e;
        }
      }
    }
  }

  static void useTransaction(Jdbi jdbi, java.util.function.Consumer<Handle> work) {
    inTransaction(
        jdbi,
        handle -> {
          work.accept(handle);
          return null;
        });
  }

  /**
   * Runs a read that streams many rows. PostgreSQL streams by the fetch size only inside a
   * transaction; SQLite streams on its own, and a transaction there would take the write lock
   * (write transactions begin IMMEDIATE), making a long read wait for, and block, every writer.
   */
  static void streamingRead(Jdbi jdbi, Dialect dialect, java.util.function.Consumer<Handle> work) {
    if (dialect == Dialect.POSTGRESQL) {
      useTransaction(jdbi, work);
    } else {
      jdbi.useHandle(work::accept);
    }
  }
}
