package com.classlark.scim.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * An API key of the directory API as stored: never the secret, only its SHA-256 hash (kept by the
 * store) and a recognisable prefix.
 *
 * @param label free text shown in listings, or {@code null}
 * @param revokedAt when the key was revoked, or {@code null} while it is not
 */
public record ApiKey(
    String id, String prefix, ApiKeyRole role, String label, Instant createdAt, Instant revokedAt) {

  public Optional<Instant> revocation() {
    return Optional.ofNullable(revokedAt);
  }
}
