package com.classlark.scim.directory.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of console users, their password hashes and their set-password links. Emails are
 * looked up by their case-folded key.
 */
public interface ConsoleUserStore {
  /**
   * Inserts the user and its first set-password link in one transaction.
   *
   * @return false when another user has the email key (nothing is written)
   */
  boolean insert(ConsoleUser user, String emailKey, PasswordLinkRow link);

  Optional<ConsoleUser> find(String userId);

  Optional<ConsoleUser> findByEmailKey(String emailKey);

  /** The user's password hash, empty when the user has not set one. */
  Optional<String> passwordHash(String userId);

  /** Every user, oldest first. */
  List<ConsoleUser> list();

  /** Adds a set-password link for an existing user. */
  void insertLink(PasswordLinkRow link);

  Optional<PasswordLinkRow> findLink(String linkHash);

  /**
   * In one transaction: spends the link if it is unused and not expired at {@code now}, sets the
   * password hash of its user and ends every session of that user.
   *
   * @return false when the link was already spent or expired (nothing is written)
   */
  boolean spendLinkAndSetPassword(String linkHash, Instant now, String passwordHash);

  /**
   * Marks the user disabled and, in the same transaction, ends every session of the user and spends
   * every open link.
   *
   * @return false when there is no such user or it was already disabled
   */
  boolean disable(String userId, Instant at);

  /** A set-password link as stored: the hash of its secret, never the secret. */
  record PasswordLinkRow(
      String linkHash, String userId, Instant createdAt, Instant expiresAt, Instant usedAt) {}
}
