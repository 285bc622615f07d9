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
    /** The request declares a charset the service does not read (its body, its query string). */
    UNSUPPORTED_MEDIA_TYPE,
    /**
     * The service is still starting (its database is being opened or migrated) and refused the
     * request without processing any of it; answered with 503 and {@code Retry-After}.
     */
    STARTING,
    /** The service is shutting down and refused the request without processing any of it. */
    SHUTTING_DOWN,
    /**
     * The school the request acts for is over its fair share (its request rate or its concurrent
     * requests), see {@link SchoolFairness}; answered with 429 and {@code Retry-After}.
     */
    RATE_LIMITED,
    /** An unexpected exception; the detail quotes the correlation id that is also logged. */
    INTERNAL
  }

  /** A failure of another HTTP status the server's libraries reported. */
  public static WebFailure of(int status, String detail) {
    Reason reason =
        switch (status) {
          case 413 -> Reason.BODY_TOO_LARGE;
          case 415 -> Reason.UNSUPPORTED_MEDIA_TYPE;
          case 503 -> Reason.SHUTTING_DOWN;
          default -> Reason.MALFORMED;
        };
    return new WebFailure(reason, status, detail);
  }
}
