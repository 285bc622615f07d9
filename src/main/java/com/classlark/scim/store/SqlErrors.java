package com.classlark.scim.store;

import java.sql.SQLException;
import java.util.Locale;

/** Recognises the database errors the stores turn into domain outcomes, on both engines. */
final class SqlErrors {
  private static final int SQLITE_CONSTRAINT = 19;

  private SqlErrors() {}

  /** A unique index or primary key refused the write. */
  static boolean isUniqueViolation(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        if ("23505".equals(sql.getSQLState())) {
          return true;
        }
        if (sql.getErrorCode() == SQLITE_CONSTRAINT
            && String.valueOf(sql.getMessage()).toUpperCase(Locale.ROOT).contains("UNIQUE")) {
          return true;
        }
      }
    }
    return false;
  }

  /** A transaction that the database asks to retry (serialization failure or deadlock). */
  static boolean isRetryable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }
}
