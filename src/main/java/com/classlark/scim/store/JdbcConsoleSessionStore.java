package com.classlark.scim.store;

import com.classlark.scim.directory.console.ConsoleSession;
import com.classlark.scim.directory.console.ConsoleSessionStore;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link ConsoleSessionStore} over JDBC: a session is kept as the hash of its cookie's value. */
public final class JdbcConsoleSessionStore implements ConsoleSessionStore {
  private static final RowMapper<ConsoleSession> SESSION =
      (rs, ctx) ->
          new ConsoleSession(
              rs.getString("session_hash"),
              rs.getString("user_id"),
              rs.getString("csrf_token"),
              JdbcConsoleUserStore.instant(rs, "created_at"),
              JdbcConsoleUserStore.instant(rs, "last_seen_at"));

  private final Jdbi jdbi;

  public JdbcConsoleSessionStore(Database database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void insert(ConsoleSession session) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO console_sessions (session_hash, user_id, csrf_token, created_at,"
                        + " last_seen_at) VALUES (?, ?, ?, ?, ?)")
                .bind(0, session.sessionHash())
                .bind(1, session.userId())
                .bind(2, session.csrfToken())
                .bind(3, session.createdAt().toEpochMilli())
                .bind(4, session.lastSeenAt().toEpochMilli())
                .execute());
  }

  @Override
  public Optional<ConsoleSession> find(String sessionHash) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT session_hash, user_id, csrf_token, created_at, last_seen_at"
                        + " FROM console_sessions WHERE session_hash = ?")
                .bind(0, sessionHash)
                .map(SESSION)
                .findOne());
  }

  @Override
  public void touch(String sessionHash, Instant at) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("UPDATE console_sessions SET last_seen_at = ? WHERE session_hash = ?")
                .bind(0, at.toEpochMilli())
                .bind(1, sessionHash)
                .execute());
  }

  @Override
  public void delete(String sessionHash) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM console_sessions WHERE session_hash = ?")
                .bind(0, sessionHash)
                .execute());
  }

  @Override
  public void deleteIdle(Instant before) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM console_sessions WHERE last_seen_at < ?")
                .bind(0, before.toEpochMilli())
                .execute());
  }

  @Override
  public Optional<Failures> failures(String emailKey) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT failures, last_failure_at FROM console_sign_in_failures"
                        + " WHERE email_key = ?")
                .bind(0, emailKey)
                .map(
                    (rs, ctx) ->
                        new Failures(
                            rs.getInt("failures"),
                            Instant.ofEpochMilli(rs.getLong("last_failure_at"))))
                .findOne());
  }

  @Override
  public void recordFailure(String emailKey, Instant at, Instant forgetBefore) {
    Transactions.useTransaction(
        jdbi,
        handle -> {
          handle
              .createUpdate("DELETE FROM console_sign_in_failures WHERE last_failure_at < ?")
              .bind(0, forgetBefore.toEpochMilli())
              .execute();
          handle
              .createUpdate(
                  "INSERT INTO console_sign_in_failures (email_key, failures, last_failure_at)"
                      + " VALUES (?, 1, ?) ON CONFLICT (email_key) DO UPDATE SET failures ="
                      + " console_sign_in_failures.failures + 1, last_failure_at ="
                      + " excluded.last_failure_at")
              .bind(0, emailKey)
              .bind(1, at.toEpochMilli())
              .execute();
        });
  }

  @Override
  public void clearFailures(String emailKey) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM console_sign_in_failures WHERE email_key = ?")
                .bind(0, emailKey)
                .execute());
  }
}
