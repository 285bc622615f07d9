package com.classlark.scim.store;

import com.classlark.scim.directory.ApiKey;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.ApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ApiKeyStore} over JDBC; the secret never reaches the database, only its hash. */
public final class JdbcApiKeyStore implements ApiKeyStore {
  private static final String COLUMNS = "id, prefix, role, label, created_at, revoked_at";
  private static final RowMapper<ApiKey> KEY =
      (rs, ctx) -> {
        long revoked = rs.getLong("revoked_at");
        Instant revokedAt = rs.wasNull() ? null : Instant.ofEpochMilli(revoked);
        return new ApiKey(
            rs.getString("id"),
            rs.getString("prefix"),
            ApiKeyRole.fromWireName(rs.getString("role")).orElseThrow(),
            rs.getString("label"),
            Instant.ofEpochMilli(rs.getLong("created_at")),
            revokedAt);
      };

  private final Jdbi jdbi;

  public JdbcApiKeyStore(Database database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void insert(ApiKey key, String keyHash) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO api_keys (id, key_hash, prefix, role, label, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, key.id())
                .bind(1, keyHash)
                .bind(2, key.prefix())
                .bind(3, key.role().wireName())
                .bind(4, key.label())
                .bind(5, key.createdAt().toEpochMilli())
                .execute());
  }

  @Override
  public Optional<ApiKey> findByHash(String keyHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?")
                .bind(0, keyHash)
                .map(KEY)
                .findOne());
  }

  @Override
  public Optional<ApiKey> find(String keyId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")
                .bind(0, keyId)
                .map(KEY)
                .findOne());
  }

  @Override
  public List<ApiKey> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")
                .map(KEY)
                .list());
  }

  @Override
  public boolean revoke(String keyId, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                    .bind(0, at.toEpochMilli())
                    .bind(1, keyId)
                    .execute())
        == 1;
  }
}
