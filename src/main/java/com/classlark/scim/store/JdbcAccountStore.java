package com.classlark.scim.store;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.AccountStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link AccountStore} over JDBC. */
public final class JdbcAccountStore implements AccountStore {
  private static final RowMapper<Account> ACCOUNT =
      (rs, ctx) ->
          new Account(
              rs.getString("id"),
              rs.getString("name"),
              Instant.ofEpochMilli(rs.getLong("created_at")));

  private final Jdbi jdbi;

  public JdbcAccountStore(Database database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void insert(Account account) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)")
                .bind(0, account.id())
                .bind(1, account.name())
                .bind(2, account.createdAt().toEpochMilli())
                .execute());
  }

  @Override
  public Optional<Account> find(String accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT id, name, created_at FROM accounts WHERE id = ?")
                .bind(0, accountId)
                .map(ACCOUNT)
                .findOne());
  }

  @Override
  public List<Account> findByName(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT id, name, created_at FROM accounts WHERE name = ? ORDER BY created_at, id")
                .bind(0, name)
                .map(ACCOUNT)
                .list());
  }

  @Override
  public List<Account> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT id, name, created_at FROM accounts ORDER BY created_at, id")
                .map(ACCOUNT)
                .list());
  }
}
