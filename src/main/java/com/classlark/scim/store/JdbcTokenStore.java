package com.classlark.scim.store;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.TokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link TokenStore} over JDBC; the secret never reaches the database, only its hash. */
public final class JdbcTokenStore implements TokenStore {
  private static final String COLUMNS =
      "id, account_id, prefix, label, created_at, expires_at, revoked_at, last_used_at";
  private static final RowMapper<ApiToken> TOKEN =
      (rs, ctx) ->
          new ApiToken(
              rs.getString("id"),
              rs.getString("account_id"),
              rs.getString("prefix"),
              rs.getString("label"),
              instant(rs, "created_at"),
              instant(rs, "expires_at"),
              instant(rs, "revoked_at"),
              instant(rs, "last_used_at"));

  /** The token with this hash, whatever its state: the unique index on the hash. */
  static final String FIND_BY_HASH = "SELECT " + COLUMNS + " FROM tokens WHERE token_hash = ?";

  private final Jdbi jdbi;

  public JdbcTokenStore(Database database) {
    this.jdbi = database.jdbi();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  @Override
  public void insert(ApiToken token, String tokenHash) {
    jdbi.useHandle(handle -> insert(handle, token, tokenHash));
  }

  private static void insert(Handle handle, ApiToken token, String tokenHash) {
    handle
        .createUpdate(
            "INSERT INTO tokens (id, account_id, token_hash, prefix, label, created_at,"
                + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(0, token.id())
        .bind(1, token.accountId())
        .bind(2, tokenHash)
        .bind(3, token.prefix())
        .bind(4, token.label())
        .bind(5, token.createdAt().toEpochMilli())
        .bind(6, millis(token.expiresAt()))
        .execute();
  }

  @Override
  public Optional<ApiToken> findByHash(String tokenHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(FIND_BY_HASH)
                .addCustomizer(CachedPlan.INSTANCE)
                .bind(0, tokenHash)
                .map(TOKEN)
                .findOne());
  }

  @Override
  public Optional<ApiToken> find(String tokenId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM tokens WHERE id = ?")
                .bind(0, tokenId)
                .map(TOKEN)
                .findOne());
  }

  @Override
  public List<ApiToken> list(String accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM tokens WHERE account_id = ? ORDER BY created_at, id")
                .bind(0, accountId)
                .map(TOKEN)
                .list());
  }

  @Override
  public Map<String, List<ApiToken>> listByAccount(Collection<String> accountIds) {
    Map<String, List<ApiToken>> byAccount = new LinkedHashMap<>();
    for (List<String> chunk : InLists.chunks(List.copyOf(accountIds))) {
      jdbi.useHandle(
          handle ->
              handle
                  .createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM tokens WHERE account_id IN (<ids>) ORDER BY account_id, created_at, id")
                  .bindList("ids", chunk)
                  .map(TOKEN)
                  .forEach(
                      token ->
                          byAccount
                              .computeIfAbsent(token.accountId(), account -> new ArrayList<>())
                              .add(token)));
    }
    return byAccount;
  }

  @Override
  public boolean revoke(String tokenId, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                    .bind(0, at.toEpochMilli())
                    .bind(1, tokenId)
                    .execute())
        == 1;
  }

  @Override
  public List<ApiToken> rotate(
      ApiToken replacement, String tokenHash, Instant now, Instant retireAt) {
    long nowMillis = now.toEpochMilli();
    long retireMillis = retireAt.toEpochMilli();
    String live =
        " WHERE account_id = ? AND id <> ? AND revoked_at IS NULL"
            + " AND (expires_at IS NULL OR expires_at > ?)";
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          List<String> retiring =
              handle
                  .createQuery("SELECT id FROM tokens" + live + " ORDER BY created_at, id")
                  .bind(0, replacement.accountId())
                  .bind(1, replacement.id())
                  .bind(2, nowMillis)
                  .mapTo(String.class)
                  .list();
          insert(handle, replacement, tokenHash);
          for (String id : retiring) {
            if (retireMillis == nowMillis) {
              handle
                  .createUpdate("UPDATE tokens SET revoked_at = ? WHERE id = ?")
                  .bind(0, nowMillis)
                  .bind(1, id)
                  .execute();
            } else {
              handle
                  .createUpdate(
                      "UPDATE tokens SET expires_at = ? WHERE id = ?"
                          + " AND (expires_at IS NULL OR expires_at > ?)")
                  .bind(0, retireMillis)
                  .bind(1, id)
                  .bind(2, retireMillis)
                  .execute();
            }
          }
          return retiring.stream()
              .map(
                  id ->
                      handle
                          .createQuery("SELECT " + COLUMNS + " FROM tokens WHERE id = ?")
                          .bind(0, id)
                          .map(TOKEN)
                          .one())
              .toList();
        });
  }

  @Override
  public void recordUse(String tokenId, Instant at) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("UPDATE tokens SET last_used_at = ? WHERE id = ?")
                .bind(0, at.toEpochMilli())
                .bind(1, tokenId)
                .execute());
  }
}
