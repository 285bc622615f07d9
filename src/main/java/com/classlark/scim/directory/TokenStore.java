package com.classlark.scim.directory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Persistence of SCIM tokens, looked up by the SHA-256 hash of the secret. */
public interface TokenStore {
  void insert(ApiToken token, String tokenHash);

  Optional<ApiToken> findByHash(String tokenHash);

  Optional<ApiToken> find(String tokenId);

  /** The account's tokens, oldest first. */
  List<ApiToken> list(String accountId);

  /**
   * The tokens of several accounts in one read (no query per account), each account's oldest first;
   * an account without tokens is absent from the result.
   */
  Map<String, List<ApiToken>> listByAccount(Collection<String> accountIds);

  /** Marks the token revoked; false when there is no such token or it was already revoked. */
  boolean revoke(String tokenId, Instant at);

  /**
   * In one transaction: inserts {@code replacement} and retires every other token of its account
   * that works at {@code now}: revoked at {@code now} when {@code retireAt} is {@code now},
   * otherwise expiring at {@code retireAt} unless it expires earlier.
   *
   * @return the retired tokens as they are afterwards, oldest first
   */
  List<ApiToken> rotate(ApiToken replacement, String tokenHash, Instant now, Instant retireAt);

  void recordUse(String tokenId, Instant at);
}
