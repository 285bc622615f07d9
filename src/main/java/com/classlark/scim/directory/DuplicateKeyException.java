package com.classlark.scim.directory;

/**
 * A write would give two live records of one school the same unique key (userName, displayName).
 */
public final class DuplicateKeyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
