package com.classlark.scim.directory;

/**
 * A cursor position that does not fit the query it came with: its key has another shape than the
 * query's order (e.g. the query was answered by another plan when the cursor was made). Signed
 * cursors keep clients from forging one, so this is a stale cursor, and the client should start
 * again from the first page.
 */
public final class CursorMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CursorMismatchException(String message) {
    super(message);
  }
}
