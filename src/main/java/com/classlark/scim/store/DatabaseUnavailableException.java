package com.classlark.scim.store;

/** The database named by {@code --db} cannot be opened, reached or migrated. */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
