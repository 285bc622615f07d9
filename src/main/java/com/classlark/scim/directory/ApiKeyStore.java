package com.classlark.scim.directory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence of API keys, looked up by the SHA-256 hash of the secret. */
public interface ApiKeyStore {
  void insert(ApiKey key, String keyHash);

  Optional<ApiKey> findByHash(String keyHash);

  Optional<ApiKey> find(String keyId);

  /** Every key, oldest first. */
  List<ApiKey> list();

  /** Marks the key revoked; false when there is no such key or it was already revoked. */
  boolean revoke(String keyId, Instant at);
}
