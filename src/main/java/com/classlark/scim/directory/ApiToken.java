package com.classlark.scim.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * A school's SCIM bearer token as stored: never the secret, only its SHA-256 hash (kept by the
 * store) and a recognisable prefix.
 *
 * @param expiresAt when the token stops working, or {@code null} for no expiry
 * @param revokedAt when the token was revoked, or {@code null} while it is not
 * @param lastUsedAt last recorded use (at most once a minute), or {@code null} if never used
 */
public record ApiToken(
    String id,
    String accountId,
    String prefix,
    String label,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  public Optional<Instant> revocation() {
    return Optional.ofNullable(revokedAt);
  }

  public Optional<Instant> lastUse() {
    return Optional.ofNullable(lastUsedAt);
  }

  /** True when the token may authenticate requests at {@code now}. */
  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
