package com.classlark.scim.directory.console;

import com.classlark.scim.directory.Secrets;
import com.classlark.scim.directory.Timestamps;
import com.classlark.scim.directory.console.ConsoleSessionStore.Failures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in to the console and the sessions that follow. A session is a random value in the
 * browser's cookie, stored as its hash; it ends {@link #IDLE_TIMEOUT} after its last request, on
 * sign-out, and for every browser of a user whose password changes or who is disabled.
 *
 * <p>Failed sign-ins are counted per email address, whether a user has it or not: after {@link
 * #FREE_FAILURES} in a row, each further attempt must wait, one minute after the fifth failure,
 * doubling with each further one up to {@link #MAX_HOLD_BACK}. A refused sign-in is logged with the
 * user's id when the email belongs to one, never with the email or the password.
 */
public final class ConsoleSessions {
  public static final Duration IDLE_TIMEOUT = Duration.ofHours(8);
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_HOLD_BACK = Duration.ofMinutes(1);
  static final Duration MAX_HOLD_BACK = Duration.ofMinutes(15);
  static final Duration FORGET_FAILURES_AFTER = Duration.ofDays(1);

  /** Requests closer together than this do not write the session's last-seen time again. */
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ConsoleSessions.class);

  private final ConsoleSessionStore store;
  private final ConsoleUsers users;
  private final Clock clock;

  public ConsoleSessions(ConsoleSessionStore store, ConsoleUsers users, Clock clock) {
    this.store = store;
    this.users = users;
    this.clock = clock;
  }

  /** The outcome of {@link #signIn}. */
  public sealed interface SignIn {
    /**
     * Signed in: {@code sessionSecret} goes into the browser's cookie, and is never shown or stored
     * anywhere else.
     */
    record Started(String sessionSecret, SignedIn signedIn) implements SignIn {}

    /** The email and password do not match an active user; the same for every such case. */
    record Refused() implements SignIn {}

    /** Too many failed sign-ins for this email in a row: try again after {@code retryAfter}. */
    record HeldBack(Duration retryAfter) implements SignIn {}
  }

  /** Signs in with an email and a password. */
  public SignIn signIn(String email, String password) {
    String emailKey = ConsoleUsers.emailKey(email == null ? "" : email);
    Instant now = Timestamps.now(clock);
    Optional<ConsoleUser> user = users.findForSignIn(emailKey);
    Optional<Failures> failures = store.failures(emailKey);
    if (failures.isPresent()) {
      Instant until = failures.get().lastAt().plus(holdBack(failures.get().count()));
      if (now.isBefore(until)) {
        log.warn(
            "console sign-in held back: {} failed in a row for {}",
            failures.get().count(),
            describe(user));
        return new SignIn.HeldBack(Duration.between(now, until));
      }
    }
    String presented = password == null ? "" : password;
    Optional<String> hash =
        user.filter(found -> !found.disabled()).flatMap(found -> users.passwordHash(found.id()));
    boolean matches;
    if (hash.isPresent()) {
      matches = users.hashing().matches(presented, hash.get());
    } else {
      users.hashing().spendVerificationTime(presented);
      matches = false;
    }
    if (!matches) {
      store.recordFailure(emailKey, now, now.minus(FORGET_FAILURES_AFTER));
      log.warn(
          "console sign-in refused: {} ({} failed in a row)",
          describe(user),
          failures.map(Failures::count).orElse(0) + 1);
      return new SignIn.Refused();
    }
    if (failures.isPresent()) {
      store.clearFailures(emailKey);
    }
    String secret = Secrets.generate("");
    ConsoleSession session =
        new ConsoleSession(Secrets.hash(secret), user.get().id(), Secrets.generate(""), now, now);
    store.insert(session);
    // Sessions whose browser never came back are ended here, so that they do not pile up.
    store.deleteIdle(now.minus(IDLE_TIMEOUT));
    log.info("console sign-in: console user {}", user.get().id());
    return new SignIn.Started(secret, new SignedIn(user.get(), session));
  }

  private static String describe(Optional<ConsoleUser> user) {
    return user.map(found -> "console user " + found.id() + (found.disabled() ? " (disabled)" : ""))
        .orElse("an email address no console user has");
  }

  /** How long to wait after the last of {@code failures} failed sign-ins in a row. */
  static Duration holdBack(int failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - FREE_FAILURES, 10);
    Duration wait = FIRST_HOLD_BACK.multipliedBy(1L << doublings);
    return wait.compareTo(MAX_HOLD_BACK) > 0 ? MAX_HOLD_BACK : wait;
  }

  /**
   * The signed-in user of a session cookie's value, while the session is active and its user is not
   * disabled; records the request. An idle session is ended here.
   */
  public Optional<SignedIn> authenticate(String sessionSecret) {
    if (sessionSecret == null || sessionSecret.isBlank()) {
      return Optional.empty();
    }
    String sessionHash = Secrets.hash(sessionSecret);
    Optional<ConsoleSession> found = store.find(sessionHash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ConsoleSession session = found.get();
    Instant now = Timestamps.now(clock);
    if (!now.isBefore(session.lastSeenAt().plus(IDLE_TIMEOUT))) {
      store.delete(sessionHash);
      return Optional.empty();
    }
    Optional<ConsoleUser> user = users.findById(session.userId()).filter(u -> !u.disabled());
    if (user.isEmpty()) {
      store.delete(sessionHash);
      return Optional.empty();
    }
    if (Duration.between(session.lastSeenAt(), now).compareTo(TOUCH_INTERVAL) >= 0) {
      store.touch(sessionHash, now);
    }
    return Optional.of(new SignedIn(user.get(), session));
  }

  /** Ends the session of this cookie value, if there is one. */
  public void signOut(String sessionSecret) {
    if (sessionSecret != null && !sessionSecret.isBlank()) {
      store.delete(Secrets.hash(sessionSecret));
    }
  }

  /** True when the presented form token is the session's CSRF token. */
  public static boolean csrfMatches(SignedIn signedIn, String presented) {
    return Secrets.same(signedIn.session().csrfToken(), presented);
  }
}
