package com.classlark.scim.directory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Support's control of a school's SCIM access: its tokens (list, issue, revoke), regeneration (the
 * answer to a leaked token, and planned rotation with a grace period) and disabling SCIM. Every
 * operation is support's ({@link Caller#require}). None of them touches a record's SCIM lock: only
 * a release lifts it.
 */
public final class ScimAccess {
  /**
   * The longest grace period of a regeneration: a week to swap the token in the identity provider.
   */
  public static final Duration MAX_GRACE = Duration.ofDays(7);

  /** The longest lifetime of a token issued with an expiry. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(3650);

  private static final int LABEL_LENGTH = 200;

  private final AccountStore accounts;
  private final Tokens tokens;
  private final Clock clock;

  public ScimAccess(AccountStore accounts, Tokens tokens, Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The school's tokens, oldest first, never their secrets. */
  public List<ApiToken> list(Caller caller, String schoolId) {
    caller.require(ApiKeyRole.SUPPORT, "manage SCIM tokens");
    return tokens.list(school(schoolId));
  }

  /**
   * Issues a token; its secret is in the result and nowhere else.
   *
   * @param label a note shown in listings, or {@code null}
   * @param expiresIn the lifetime, or {@code null} for a token that does not expire
   * @throws DirectoryException {@code validation} for a label over 200 characters or a lifetime
   *     that is not positive or longer than {@link #MAX_LIFETIME}
   */
  public IssuedToken issue(Caller caller, String schoolId, String label, Duration expiresIn) {
    caller.require(ApiKeyRole.SUPPORT, "manage SCIM tokens");
    List<FieldError> errors = new ArrayList<>();
    if (label != null && label.length() > LABEL_LENGTH) {
      errors.add(new FieldError("label", "must be at most " + LABEL_LENGTH + " characters"));
    }
    if (expiresIn != null
        && (expiresIn.isNegative()
            || expiresIn.isZero()
            || expiresIn.compareTo(MAX_LIFETIME) > 0)) {
      errors.add(
          new FieldError(
              "expiresIn",
              "must be a number of seconds from 1 to "
                  + MAX_LIFETIME.toSeconds()
                  + ", or null for no expiry"));
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return tokens.issue(school(schoolId), label, expiresIn);
  }

  /**
   * Revokes one of the school's tokens; it stops working on every node within a second.
   *
   * @throws DirectoryException {@code not-found} for a token of another school
   */
  public ApiToken revoke(Caller caller, String schoolId, String tokenId) {
    caller.require(ApiKeyRole.SUPPORT, "manage SCIM tokens");
    String accountId = school(schoolId);
    tokens
        .find(tokenId)
        .filter(token -> token.accountId().equals(accountId))
        .orElseThrow(() -> Problems.notFound("SCIM token", "tokenId", tokenId));
    return tokens.revoke(tokenId);
  }

  /**
   * Issues a new token and retires every other live token of the school: at once with a grace of
   * zero (a leaked token), otherwise when the grace period ends (a planned rotation, so that the
   * school can swap the token in its identity provider without a failed sync). A token that expires
   * before the grace period ends keeps its expiry.
   *
   * @throws DirectoryException {@code validation} for a grace period outside 0 to {@link
   *     #MAX_GRACE}
   */
  public RegeneratedToken regenerate(Caller caller, String schoolId, Duration grace) {
    caller.require(ApiKeyRole.SUPPORT, "manage SCIM tokens");
    if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
      throw Problems.validation(
          List.of(
              new FieldError(
                  "graceSeconds",
                  "must be a number of seconds from 0 (retire the old tokens at once) to "
                      + MAX_GRACE.toSeconds())));
    }
    return tokens.regenerate(school(schoolId), grace);
  }

  /**
   * Disables SCIM for the school: revokes every token, so that its status is {@code disabled}.
   * Every record keeps its SCIM lock.
   *
   * @return the tokens it revoked
   */
  public List<ApiToken> disable(Caller caller, String schoolId) {
    caller.require(ApiKeyRole.SUPPORT, "disable SCIM");
    return live(school(schoolId)).stream().map(token -> tokens.revoke(token.id())).toList();
  }

  /** The school's tokens that still work. */
  private List<ApiToken> live(String accountId) {
    Instant now = clock.instant();
    return tokens.list(accountId).stream().filter(token -> token.usableAt(now)).toList();
  }

  private String school(String schoolId) {
    return accounts
        .find(schoolId)
        .map(Account::id)
        .orElseThrow(() -> Problems.schoolNotFound(schoolId));
  }
}
