package com.classlark.scim.store;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.AccountStore;
import com.classlark.scim.directory.SchoolCounts;
import java.time.Instant;
import java.util.ArrayList;
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
              Instant.ofEpochMilli(rs.getLong("created_at")),
              rs.getString("default_user_type"));
  private static final String COLUMNS = "id, name, created_at, default_user_type";

  private final Jdbi jdbi;

  public JdbcAccountStore(Database database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void insert(Account account) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO accounts (id, name, created_at, default_user_type)"
                        + " VALUES (?, ?, ?, ?)")
                .bind(0, account.id())
                .bind(1, account.name())
                .bind(2, account.createdAt().toEpochMilli())
                .bind(3, account.defaultUserType())
                .execute());
  }

  @Override
  public Optional<Account> find(String accountId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")
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
                    "SELECT " + COLUMNS + " FROM accounts WHERE name = ? ORDER BY created_at, id")
                .bind(0, name)
                .map(ACCOUNT)
                .list());
  }

  @Override
  public List<Account> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM accounts ORDER BY created_at, id")
                .map(ACCOUNT)
                .list());
  }

  @Override
  public List<Account> pageByName(String nameContains, String afterId, int limit) {
    List<Object> values = new ArrayList<>();
    if (nameContains != null) {
      values.add("%" + nameContains.replaceAll("[!%_]", "!$0") + "%");
    }
    if (afterId != null) {
      values.addAll(List.of(afterId, afterId, afterId));
    }
    values.add(limit);
    String sql = pageByNameSql(nameContains != null, afterId != null);
    return jdbi.withHandle(
        handle -> {
          var query = handle.createQuery(sql);
          for (int i = 0; i < values.size(); i++) {
            query.bind(i, values.get(i));
          }
          return query.map(ACCOUNT).list();
        });
  }

  /**
   * A page of schools by name: parameters are the LIKE pattern (when searching), the previous
   * page's last id three times (when after one), and the limit.
   */
  static String pageByNameSql(boolean search, boolean after) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM accounts WHERE 1 = 1");
    if (search) {
      sql.append(" AND LOWER(name) LIKE ? ESCAPE '!'");
    }
    if (after) {
      // After the key of the previous page's last account, as this engine lowers it: one row-value
      // comparison, which both engines answer from accounts_by_name (an OR of two would not).
      sql.append(
          " AND LOWER(name) >= (SELECT LOWER(name) FROM accounts WHERE id = ?)"
              + " AND (LOWER(name), id) > ((SELECT LOWER(name) FROM accounts WHERE id = ?), ?)");
    }
    return sql.append(" ORDER BY LOWER(name), id LIMIT ?").toString();
  }

  @Override
  public boolean setDefaultUserType(String accountId, String userType) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("UPDATE accounts SET default_user_type = ? WHERE id = ?")
                    .bind(0, userType)
                    .bind(1, accountId)
                    .execute())
        == 1;
  }

  @Override
  public SchoolCounts counts(String accountId) {
    return jdbi.withHandle(
        handle -> {
          var staff =
              handle
                  .createQuery(
                      "SELECT COUNT(*) AS total,"
                          + " COALESCE(SUM(CASE WHEN active THEN 1 ELSE 0 END), 0) AS active,"
                          + " COALESCE(SUM(CASE WHEN scim_managed THEN 1 ELSE 0 END), 0) AS managed"
                          + " FROM staff WHERE account_id = ? AND retired_at IS NULL")
                  .bind(0, accountId)
                  .mapToMap()
                  .one();
          var groups =
              handle
                  .createQuery(
                      "SELECT COUNT(*) AS total,"
                          + " COALESCE(SUM(CASE WHEN scim_managed THEN 1 ELSE 0 END), 0) AS managed"
                          + " FROM staff_groups WHERE account_id = ?")
                  .bind(0, accountId)
                  .mapToMap()
                  .one();
          return new SchoolCounts(
              number(staff.get("total")),
              number(staff.get("active")),
              number(staff.get("managed")),
              number(groups.get("total")),
              number(groups.get("managed")));
        });
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
