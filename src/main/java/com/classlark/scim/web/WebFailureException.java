package com.classlark.scim.web;

/** Carries a {@link WebFailure} from the server's own checks to the adapter that writes it. */
final class WebFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient WebFailure failure;

  WebFailureException(WebFailure failure) {
    super(failure.detail(), null, false, false);
    this.failure = failure;
  }

  WebFailure failure() {
    return failure;
  }
}
