package com.classlark.scim.web;

/**
 * A failure the server itself detects, around or instead of an adapter's routes. Each adapter
 * writes it in its own format (a SCIM Error, a problem detail, an HTML page), see {@link
 * WebAdapter#render}.
 *
 * @param reason what went wrong, for adapters that name the kind of error (a problem {@code type})
 * @param status the HTTP status
 * @param detail what the client should do about it, in plain words; never a secret or internals
 */
public record WebFailure(Reason reason, int status, String detail) {

  /** The kinds of failure the server detects. */
  public enum Reason {
    /** No route matches the path. */
    NO_ROUTE,
    /** A route matches the path but not the method. */
    METHOD_NOT_ALLOWED,
    /** The request is malformed at the HTTP level (a bad URL escape, a bad header). */
    MALFORMED,
    /** The body is larger than the configured limit. */
    BODY_TOO_LARGE,
    /** An unexpected exception; the detail quotes the correlation id that is also logged. */
    INTERNAL
  }

  /** A failure of another HTTP status the server's libraries reported. */
  public static WebFailure of(int status, String detail) {
    return new WebFailure(status == 413 ? Reason.BODY_TOO_LARGE : Reason.MALFORMED, status, detail);
  }
}
