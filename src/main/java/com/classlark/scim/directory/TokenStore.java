package com.classlark.scim.directory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of SCIM tokens, looked up by the SHA-256 hash of the secret. */
public interface TokenStore {
  void insert(ApiToken token, String tokenHash);

  Optional<ApiToken> findByHash(String tokenHash);

  Optional<ApiToken> find(String tokenId);

  /** The account's tokens, oldest first. */
  List<ApiToken> list(String accountId);

  /** Marks the token revoked; false when there is no such token or it was already revoked. */
  boolean revoke(String tokenId, Instant at);

  /**
   * Makes a live token expire at {@code at} unless it expires earlier already; false when there is
   * no such live token or it expires earlier.
   */
  boolean expireBy(String tokenId, Instant at);

  void recordUse(String tokenId, Instant at);
}
