package com.classlark.scim.web;

/**
 * Counts the errors an adapter answers with, by a type from the adapter's own bounded vocabulary (a
 * SCIM {@code scimType}, a problem {@code type}), so that the server's metrics need no knowledge of
 * any adapter's error model. Never pass a value from the request.
 */
@FunctionalInterface
public interface ErrorCounter {
  /** A counter that counts nothing, for a server without metrics. */
  ErrorCounter NONE = (type, status) -> {};

  /**
   * @param type the error's type, or {@code null} for an error without one
   * @param status the HTTP status of the answer
   */
  void count(String type, int status);
}
