package com.classlark.scim.directory.console;

import com.classlark.scim.directory.AccountStore;
import com.classlark.scim.directory.Secrets;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.Timestamps;
import com.classlark.scim.directory.console.ConsoleUserStore.PasswordLinkRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Console users, as support manages them on the command line, and their passwords: a new user gets
 * a one-time set-password link valid for {@link #LINK_LIFETIME}; using it sets the password and
 * ends every session of the user, as disabling does.
 */
public final class ConsoleUsers {
  public static final Duration LINK_LIFETIME = Duration.ofHours(24);

  private final ConsoleUserStore store;
  private final AccountStore accounts;
  private final PasswordHashing hashing;
  private final Clock clock;

  public ConsoleUsers(ConsoleUserStore store, AccountStore accounts, Clock clock) {
    this(store, accounts, new PasswordHashing(), clock);
  }

  ConsoleUsers(
      ConsoleUserStore store, AccountStore accounts, PasswordHashing hashing, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.hashing = hashing;
    this.clock = clock;
  }

  /** The key an email is unique and looked up by: case-folded, without surrounding spaces. */
  static String emailKey(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Checks the arguments of {@link #add} that need no database.
   *
   * @throws IllegalArgumentException naming the rule
   */
  public static void checkNewUser(String email, ConsoleRole role, String accountId) {
    if (!StaffRules.isEmailAddress(email == null ? null : email.strip())) {
      throw new IllegalArgumentException(
          "email must be an email address, e.g. jane.doe@school.example");
    }
    if (role == ConsoleRole.SCHOOL_ADMIN && accountId == null) {
      throw new IllegalArgumentException("a school admin needs --account, the id of their school");
    }
    if (role == ConsoleRole.SUPPORT && accountId != null) {
      throw new IllegalArgumentException(
          "support sees every school: leave out --account, or use --role school-admin");
    }
  }

  /**
   * Creates a console user and its first set-password link.
   *
   * @param accountId the school of a school admin; {@code null} for support
   * @throws IllegalArgumentException for a bad argument, an unknown school or a taken email
   */
  public PasswordLink add(String email, ConsoleRole role, String accountId) {
    checkNewUser(email, role, accountId);
    if (accountId != null && accounts.find(accountId).isEmpty()) {
      throw new IllegalArgumentException("no account with id " + accountId);
    }
    Instant now = Timestamps.now(clock);
    ConsoleUser user =
        new ConsoleUser(
            UUID.randomUUID().toString(), email.strip(), role, accountId, now, null, null);
    String secret = Secrets.generate("");
    Instant expiresAt = now.plus(LINK_LIFETIME);
    PasswordLinkRow link =
        new PasswordLinkRow(Secrets.hash(secret), user.id(), now, expiresAt, null);
    if (!store.insert(user, emailKey(email), link)) {
      throw new IllegalArgumentException(
          "a console user with email " + email.strip() + " already exists");
    }
    return new PasswordLink(user, secret, expiresAt);
  }

  /**
   * A new set-password link for an existing user who lost theirs or forgot their password; the
   * password in use stays valid until the link is used.
   *
   * @throws IllegalArgumentException for an unknown or disabled user
   */
  public PasswordLink newLink(String email) {
    ConsoleUser user = find(email);
    if (user.disabled()) {
      throw new IllegalArgumentException("console user " + user.email() + " is disabled");
    }
    Instant now = Timestamps.now(clock);
    String secret = Secrets.generate("");
    Instant expiresAt = now.plus(LINK_LIFETIME);
    store.insertLink(new PasswordLinkRow(Secrets.hash(secret), user.id(), now, expiresAt, null));
    return new PasswordLink(user, secret, expiresAt);
  }

  /** Every console user, oldest first. */
  public List<ConsoleUser> list() {
    return store.list();
  }

  /**
   * Disables the user: every session ends at once and no link or password works again.
   *
   * @throws IllegalArgumentException for an unknown user
   */
  public ConsoleUser disable(String email) {
    ConsoleUser user = find(email);
    store.disable(user.id(), Timestamps.now(clock));
    return store.find(user.id()).orElseThrow();
  }

  private ConsoleUser find(String email) {
    return store
        .findByEmailKey(emailKey(email == null ? "" : email))
        .orElseThrow(() -> new IllegalArgumentException("no console user with email " + email));
  }

  /** Whether a set-password link can be used, for the page that shows its form. */
  public sealed interface LinkCheck {
    /** The link may set the password of this user until {@code expiresAt}. */
    record Usable(ConsoleUser user, Instant expiresAt) implements LinkCheck {}

    /** The link cannot be used; {@code reason} says why and what to do, in plain words. */
    record Unusable(String reason) implements LinkCheck {}
  }

  /** What a set-password link allows now. */
  public LinkCheck check(String linkSecret) {
    Instant now = clock.instant();
    Optional<PasswordLinkRow> found =
        linkSecret == null || linkSecret.isBlank()
            ? Optional.empty()
            : store.findLink(Secrets.hash(linkSecret));
    if (found.isEmpty()) {
      return new LinkCheck.Unusable(
          "This link is not valid. Check that you opened the whole link, or ask ClassLark support"
              + " for a new one.");
    }
    PasswordLinkRow link = found.get();
    ConsoleUser user = store.find(link.userId()).orElseThrow();
    if (user.disabled()) {
      return new LinkCheck.Unusable(
          "This console account is disabled. Ask ClassLark support if you need access.");
    }
    if (link.usedAt() != null) {
      return new LinkCheck.Unusable(
          "This link has already been used: each link works once. Sign in with the password you"
              + " set, or ask ClassLark support for a new link.");
    }
    if (!now.isBefore(link.expiresAt())) {
      return new LinkCheck.Unusable(
          "This link has expired: links work for 24 hours. Ask ClassLark support for a new one.");
    }
    return new LinkCheck.Usable(user, link.expiresAt());
  }

  /** The outcome of {@link #setPassword}. */
  public sealed interface PasswordChange {
    /** The password is set and every earlier session of the user ended. */
    record Changed(ConsoleUser user) implements PasswordChange {}

    /** The link cannot be used; nothing changed. */
    record LinkRefused(String reason) implements PasswordChange {}

    /** The password breaks these rules (plain words); nothing changed, the link still works. */
    record RulesBroken(List<String> rules) implements PasswordChange {}
  }

  /**
   * Sets the password of the link's user and spends the link, if the link is usable and the
   * password follows {@link PasswordRules}; ends every session of the user.
   */
  public PasswordChange setPassword(String linkSecret, String password, String confirmation) {
    LinkCheck check = check(linkSecret);
    return switch (check) {
      case LinkCheck.Unusable(var reason) -> new PasswordChange.LinkRefused(reason);
      case LinkCheck.Usable(var user, var expiresAt) -> {
        List<String> broken = PasswordRules.broken(password, confirmation, user.email());
        if (!broken.isEmpty()) {
          yield new PasswordChange.RulesBroken(broken);
        }
        String hash = hashing.hash(password);
        if (!store.spendLinkAndSetPassword(Secrets.hash(linkSecret), clock.instant(), hash)) {
          // Spent by a concurrent request (or expired) between the check and now.
          yield new PasswordChange.LinkRefused(
              "This link has already been used: each link works once. Ask ClassLark support for"
                  + " a new one.");
        }
        yield new PasswordChange.Changed(store.find(user.id()).orElseThrow());
      }
    };
  }

  /** The user with this email and the password hash to verify, for sign-in. */
  Optional<ConsoleUser> findForSignIn(String emailKey) {
    return store.findByEmailKey(emailKey);
  }

  Optional<String> passwordHash(String userId) {
    return store.passwordHash(userId);
  }

  Optional<ConsoleUser> findById(String userId) {
    return store.find(userId);
  }

  PasswordHashing hashing() {
    return hashing;
  }
}
