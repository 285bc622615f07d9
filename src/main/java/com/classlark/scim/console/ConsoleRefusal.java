package com.classlark.scim.console;

/**
 * A console request refused before its page ran: no session, a session that ended, or a form
 * without the right token. {@link ConsoleAdapter} turns each into a redirect or an error page.
 */
final class ConsoleRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  enum Reason {
    /** No session cookie: the browser never signed in (or signed out). */
    SIGN_IN_REQUIRED,
    /** A session cookie whose session ended: idle too long, signed out elsewhere, or disabled. */
    SESSION_ENDED,
    /** A state-changing form without this browser's form token. */
    BAD_FORM_TOKEN
  }

  private final Reason reason;

  ConsoleRefusal(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
