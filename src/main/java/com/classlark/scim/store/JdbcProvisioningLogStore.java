package com.classlark.scim.store;

import com.classlark.scim.directory.log.LogEntry;
import com.classlark.scim.directory.log.LogHour;
import com.classlark.scim.directory.log.LogOperation;
import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.directory.log.LogSummary;
import com.classlark.scim.directory.log.ProvisioningLogStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/** {@link ProvisioningLogStore} over JDBC: the table {@code provisioning_log}. */
public final class JdbcProvisioningLogStore implements ProvisioningLogStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final String COLUMNS =
      "account_id, id, at, method, path, operation, resource_type, resource_id, resource_name,"
          + " status, failed, scim_type, detail, changes, token_id, token_prefix, correlation_id,"
          + " duration_ms, client_request_id";

  /** Entries per hour and outcome of one school in a range: the index {@code (account_id, at)}. */
  static final String HOURLY =
      "SELECT at / "
          + HOUR_MILLIS
          + " AS hour, failed, COUNT(*) AS entries FROM provisioning_log"
          + " WHERE account_id = ? AND at >= ? AND at < ? GROUP BY at / "
          + HOUR_MILLIS
          + ", failed";

  /** Failures per school since a moment: the index {@code (account_id, failed, at)}. */
  static final String FAILURES_SINCE =
      "SELECT account_id, COUNT(*) AS entries FROM provisioning_log"
          + " WHERE account_id IN (<ids>) AND failed = :failed AND at >= :since"
          + " GROUP BY account_id";

  /** One batch of retention on PostgreSQL: entries before the cutoff, by key. */
  static final String DELETE_OLDER =
      "DELETE FROM provisioning_log WHERE (account_id, id) IN (SELECT account_id, id"
          + " FROM provisioning_log WHERE at < ? LIMIT ?)";

  /** The same on SQLite, whose log has no index on its key but the table's own (migration V13). */
  static final String SQLITE_DELETE_OLDER =
      "DELETE FROM provisioning_log WHERE rowid IN (SELECT rowid FROM provisioning_log WHERE at < ?"
          + " LIMIT ?)";

  private final Jdbi jdbi;
  private final String deleteOlder;
  private final String insert;

  /** On SQLite, entries carry their resource's bucket and pages of a resource read by it (V14). */
  private final boolean bucketed;

  public JdbcProvisioningLogStore(Database database) {
    this.jdbi = database.jdbi();
    this.bucketed = database.dialect() == Dialect.SQLITE;
    this.deleteOlder = bucketed ? SQLITE_DELETE_OLDER : DELETE_OLDER;
    String columns = bucketed ? COLUMNS + ", resource_bucket" : COLUMNS;
    int count = columns.split(",").length;
    this.insert =
        "INSERT INTO provisioning_log ("
            + columns
            + ") VALUES ("
            + String.join(", ", Collections.nCopies(count, "?"))
            + ")";
  }

  /**
   * The bucket of a resource on SQLite: its id's last character, as the migration V14 computes it
   * for the entries before it ({@code substr(resource_id, -1)}, a character, not a UTF-16 unit).
   */
  static String bucket(String resourceId) {
    if (resourceId == null || resourceId.isEmpty()) {
      return resourceId;
    }
    return resourceId.substring(resourceId.offsetByCodePoints(resourceId.length(), -1));
  }

  @Override
  public void insert(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // Everything but the statement's own steps is done before the transaction: on SQLite the
    // batch holds the one write lock that every request's write waits for, and Jdbi's binding
    // (an argument lookup per value, twenty values an entry) cost more there than the inserts.
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (LogEntry entry : entries) {
      rows.add(row(entry));
    }
    // A batch is a large transaction: on SQLite it opens its group (see SqliteWriteQueue).
    SqliteWriteQueue.opensItsGroup(
        () ->
            Transactions.useTransaction(
                jdbi,
                handle -> {
                  try (PreparedStatement statement =
                      handle.getConnection().prepareStatement(insert)) {
                    // On PostgreSQL parsed once per connection, not once per entry: an insert of
                    // values has no plan to choose (see CachedPlan).
                    CachedPlan.prepareOnServer(statement);
                    for (Object[] row : rows) {
                      for (int i = 0; i < row.length; i++) {
                        if (row[i] == null) {
                          statement.setNull(i + 1, Types.VARCHAR); // only text columns are nullable
                        } else {
                          statement.setObject(i + 1, row[i]);
                        }
                      }
                      statement.addBatch();
                    }
                    statement.executeBatch();
                  } catch (SQLException e) {
                    // Neither engine's message quotes a bound value (see Database).
                    throw new IllegalStateException(e.getMessage(), e);
                  }
                }));
  }

  /** An entry's values in the order of the insert's columns. */
  private Object[] row(LogEntry entry) {
    Object[] row = new Object[bucketed ? 20 : 19];
    row[0] = entry.accountId();
    row[1] = entry.id();
    row[2] = entry.at().toEpochMilli();
    row[3] = entry.method();
    row[4] = entry.path();
    row[5] = entry.operation().wireName();
    row[6] = entry.resourceType();
    row[7] = entry.resourceId();
    row[8] = entry.resourceName();
    row[9] = entry.status();
    row[10] = entry.failed();
    row[11] = entry.scimType();
    row[12] = entry.detail();
    row[13] = entry.changes().isEmpty() ? null : names(entry.changes());
    row[14] = entry.tokenId();
    row[15] = entry.tokenPrefix();
    row[16] = entry.correlationId();
    row[17] = entry.durationMs();
    row[18] = entry.clientRequestId();
    if (bucketed) {
      row[19] = bucket(entry.resourceId());
    }
    return row;
  }

  /**
   * The statement of a page: parameters account, [failed], [[bucket], resource], [at, at, id],
   * limit. {@code bucketed}: SQLite's, whose per-resource index is led by the resource's bucket.
   */
  static String pageSql(
      LogOutcome outcome, boolean byResource, boolean bucketed, boolean afterCursor) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM provisioning_log WHERE account_id = ?");
    if (outcome != LogOutcome.ANY) {
      sql.append(" AND failed = ?");
    }
    if (byResource && bucketed) {
      sql.append(" AND resource_bucket = ?");
    }
    if (byResource) {
      sql.append(" AND resource_id = ?");
    }
    if (afterCursor) {
      sql.append(" AND (at < ? OR (at = ? AND id < ?))");
    }
    return sql.append(" ORDER BY at DESC, id DESC LIMIT ?").toString();
  }

  @Override
  public List<LogEntry> page(
      String accountId,
      LogOutcome outcome,
      String resourceId,
      Instant beforeAt,
      String beforeId,
      int limit) {
    List<Object> values = new ArrayList<>(List.of(accountId));
    switch (outcome) {
      case ANY -> {}
      case SUCCESS -> values.add(false);
      case FAILURE -> values.add(true);
    }
    if (resourceId != null && bucketed) {
      values.add(bucket(resourceId));
    }
    if (resourceId != null) {
      values.add(resourceId);
    }
    if (beforeAt != null) {
      values.add(beforeAt.toEpochMilli());
      values.add(beforeAt.toEpochMilli());
      values.add(beforeId);
    }
    values.add(limit);
    String sql = pageSql(outcome, resourceId != null, bucketed, beforeAt != null);
    return jdbi.withHandle(
        handle -> {
          Query query = handle.createQuery(sql);
          for (int i = 0; i < values.size(); i++) {
            query.bind(i, values.get(i));
          }
          return query.map((rs, ctx) -> entry(rs)).list();
        });
  }

  @Override
  public LogSummary summary(String accountId, Instant since, int top) {
    return jdbi.withHandle(
        handle -> {
          TreeMap<Long, long[]> days = new TreeMap<>();
          handle
              .createQuery(
                  "SELECT at / "
                      + DAY_MILLIS
                      + " AS day, failed, COUNT(*) AS entries FROM provisioning_log"
                      + " WHERE account_id = ? AND at >= ? GROUP BY at / "
                      + DAY_MILLIS
                      + ", failed")
              .bind(0, accountId)
              .bind(1, since.toEpochMilli())
              .map(
                  (rs, ctx) -> {
                    long[] counts = days.computeIfAbsent(rs.getLong("day"), day -> new long[2]);
                    counts[rs.getBoolean("failed") ? 1 : 0] += rs.getLong("entries");
                    return null;
                  })
              .list();
          List<LogSummary.Day> perDay = new ArrayList<>();
          days.forEach(
              (day, counts) ->
                  perDay.add(new LogSummary.Day(LocalDate.ofEpochDay(day), counts[0], counts[1])));
          List<LogSummary.FailureCount> failures =
              handle
                  .createQuery(
                      "SELECT status, scim_type, detail, COUNT(*) AS entries FROM provisioning_log"
                          + " WHERE account_id = ? AND failed = ? AND at >= ?"
                          + " GROUP BY status, scim_type, detail"
                          + " ORDER BY entries DESC, status, COALESCE(detail, '') LIMIT ?")
                  .bind(0, accountId)
                  .bind(1, true)
                  .bind(2, since.toEpochMilli())
                  .bind(3, top)
                  .map(
                      (rs, ctx) ->
                          new LogSummary.FailureCount(
                              rs.getInt("status"),
                              rs.getString("scim_type"),
                              rs.getString("detail"),
                              rs.getLong("entries")))
                  .list();
          return new LogSummary(since, perDay, failures);
        });
  }

  @Override
  public List<LogHour> hourly(String accountId, Instant from, Instant until) {
    TreeMap<Long, long[]> hours = new TreeMap<>();
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(HOURLY)
                .bind(0, accountId)
                .bind(1, from.toEpochMilli())
                .bind(2, until.toEpochMilli())
                .map(
                    (rs, ctx) -> {
                      long[] counts =
                          hours.computeIfAbsent(rs.getLong("hour"), hour -> new long[2]);
                      counts[rs.getBoolean("failed") ? 1 : 0] += rs.getLong("entries");
                      return null;
                    })
                .list());
    List<LogHour> perHour = new ArrayList<>();
    hours.forEach(
        (hour, counts) ->
            perHour.add(
                new LogHour(Instant.ofEpochMilli(hour * HOUR_MILLIS), counts[0], counts[1])));
    return perHour;
  }

  @Override
  public Map<String, Long> failuresSince(Collection<String> accountIds, Instant since) {
    Map<String, Long> failures = new HashMap<>();
    for (List<String> chunk : InLists.chunks(List.copyOf(accountIds))) {
      jdbi.useHandle(
          handle ->
              handle
                  .createQuery(FAILURES_SINCE)
                  .bindList("ids", chunk)
                  .bind("failed", true)
                  .bind("since", since.toEpochMilli())
                  .map((rs, ctx) -> failures.put(rs.getString("account_id"), rs.getLong("entries")))
                  .list());
    }
    return failures;
  }

  @Override
  public int deleteOlderThan(Instant cutoff, int batch) {
    return Transactions.inTransaction(
        jdbi,
        handle ->
            handle
                .createUpdate(deleteOlder)
                .bind(0, cutoff.toEpochMilli())
                .bind(1, batch)
                .execute());
  }

  private static LogEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    String changes = rs.getString("changes");
    return new LogEntry(
        rs.getString("id"),
        rs.getString("account_id"),
        Instant.ofEpochMilli(rs.getLong("at")),
        rs.getString("method"),
        rs.getString("path"),
        LogOperation.fromWireName(rs.getString("operation")),
        rs.getString("resource_type"),
        rs.getString("resource_id"),
        rs.getString("resource_name"),
        rs.getInt("status"),
        rs.getString("scim_type"),
        rs.getString("detail"),
        changes == null ? List.of() : parseNames(changes),
        rs.getString("token_id"),
        rs.getString("token_prefix"),
        rs.getString("correlation_id"),
        rs.getLong("duration_ms"),
        rs.getString("client_request_id"));
  }

  private static String names(List<String> names) {
    try {
      return JSON.writeValueAsString(names);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write attribute names", e);
    }
  }

  private static List<String> parseNames(String json) {
    try {
      return JSON.readValue(json, NAMES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("provisioning_log.changes is not a JSON array of names", e);
    }
  }
}
