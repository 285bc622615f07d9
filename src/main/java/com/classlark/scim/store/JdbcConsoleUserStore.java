package com.classlark.scim.store;

import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleUser;
import com.classlark.scim.directory.console.ConsoleUserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ConsoleUserStore} over JDBC: only hashes of passwords and links reach the database. */
public final class JdbcConsoleUserStore implements ConsoleUserStore {
  private static final String USER_COLUMNS =
      "id, email, role, account_id, created_at, password_set_at, disabled_at";
  private static final RowMapper<ConsoleUser> USER =
      (rs, ctx) ->
          new ConsoleUser(
              rs.getString("id"),
              rs.getString("email"),
              ConsoleRole.parse(rs.getString("role")),
              rs.getString("account_id"),
              instant(rs, "created_at"),
              instant(rs, "password_set_at"),
              instant(rs, "disabled_at"));
  private static final RowMapper<PasswordLinkRow> LINK =
      (rs, ctx) ->
          new PasswordLinkRow(
              rs.getString("link_hash"),
              rs.getString("user_id"),
              instant(rs, "created_at"),
              instant(rs, "expires_at"),
              instant(rs, "used_at"));

  private final Jdbi jdbi;

  public JdbcConsoleUserStore(Database database) {
    this.jdbi = database.jdbi();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  @Override
  public boolean insert(ConsoleUser user, String emailKey, PasswordLinkRow link) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          int inserted =
              handle
                  .createUpdate(
                      "INSERT INTO console_users (id, email, email_key, role, account_id,"
                          + " created_at) VALUES (?, ?, ?, ?, ?, ?)"
                          + " ON CONFLICT (email_key) DO NOTHING")
                  .bind(0, user.id())
                  .bind(1, user.email())
                  .bind(2, emailKey)
                  .bind(3, user.role().keyword())
                  .bind(4, user.accountId())
                  .bind(5, user.createdAt().toEpochMilli())
                  .execute();
          if (inserted == 0) {
            return false;
          }
          insertLink(handle, link);
          return true;
        });
  }

  @Override
  public Optional<ConsoleUser> find(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + USER_COLUMNS + " FROM console_users WHERE id = ?")
                .bind(0, userId)
                .map(USER)
                .findOne());
  }

  @Override
  public Optional<ConsoleUser> findByEmailKey(String emailKey) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + USER_COLUMNS + " FROM console_users WHERE email_key = ?")
                .bind(0, emailKey)
                .map(USER)
                .findOne());
  }

  @Override
  public Optional<String> passwordHash(String userId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT password_hash FROM console_users WHERE id = ?")
                .bind(0, userId)
                .mapTo(String.class)
                .findOne()
                .filter(hash -> hash != null));
  }

  @Override
  public List<ConsoleUser> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT " + USER_COLUMNS + " FROM console_users ORDER BY created_at, id")
                .map(USER)
                .list());
  }

  @Override
  public void insertLink(PasswordLinkRow link) {
    jdbi.useHandle(handle -> insertLink(handle, link));
  }

  private static void insertLink(Handle handle, PasswordLinkRow link) {
    handle
        .createUpdate(
            "INSERT INTO console_password_links (link_hash, user_id, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?)")
        .bind(0, link.linkHash())
        .bind(1, link.userId())
        .bind(2, link.createdAt().toEpochMilli())
        .bind(3, link.expiresAt().toEpochMilli())
        .execute();
  }

  @Override
  public Optional<PasswordLinkRow> findLink(String linkHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT link_hash, user_id, created_at, expires_at, used_at"
                        + " FROM console_password_links WHERE link_hash = ?")
                .bind(0, linkHash)
                .map(LINK)
                .findOne());
  }

  @Override
  public boolean spendLinkAndSetPassword(String linkHash, Instant now, String passwordHash) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          int spent =
              handle
                  .createUpdate(
                      "UPDATE console_password_links SET used_at = ? WHERE link_hash = ?"
                          + " AND used_at IS NULL AND expires_at > ?")
                  .bind(0, now.toEpochMilli())
                  .bind(1, linkHash)
                  .bind(2, now.toEpochMilli())
                  .execute();
          if (spent == 0) {
            return false;
          }
          String userId =
              handle
                  .createQuery("SELECT user_id FROM console_password_links WHERE link_hash = ?")
                  .bind(0, linkHash)
                  .mapTo(String.class)
                  .one();
          int updated =
              handle
                  .createUpdate(
                      "UPDATE console_users SET password_hash = ?, password_set_at = ?"
                          + " WHERE id = ? AND disabled_at IS NULL")
                  .bind(0, passwordHash)
                  .bind(1, now.toEpochMilli())
                  .bind(2, userId)
                  .execute();
          if (updated == 0) {
            // Disabled meanwhile: the link stays spent, the password unset.
            return false;
          }
          endSessions(handle, userId);
          return true;
        });
  }

  @Override
  public boolean disable(String userId, Instant at) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          int disabled =
              handle
                  .createUpdate(
                      "UPDATE console_users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")
                  .bind(0, at.toEpochMilli())
                  .bind(1, userId)
                  .execute();
          handle
              .createUpdate(
                  "UPDATE console_password_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL")
              .bind(0, at.toEpochMilli())
              .bind(1, userId)
              .execute();
          endSessions(handle, userId);
          return disabled == 1;
        });
  }

  private static void endSessions(Handle handle, String userId) {
    handle.createUpdate("DELETE FROM console_sessions WHERE user_id = ?").bind(0, userId).execute();
  }
}
