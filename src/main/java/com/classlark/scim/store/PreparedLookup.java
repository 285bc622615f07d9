package com.classlark.scim.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGStatement;

/**
 * A lookup of a few rows on the hottest read path, run with plain JDBC: no Jdbi handle, and a
 * statement prepared once per physical connection and kept for the connection's life, instead of a
 * handle, a statement and (on SQLite) a compilation of the SQL per request. A pooled connection is
 * used by one request at a time, so each kept statement is too. On PostgreSQL a statement made with
 * {@code cachedPlan} is prepared on the server and may keep a generic plan, as {@link CachedPlan}
 * allows: only for lookups whose one right plan is the primary key or a unique index that no other
 * index can stand in for (see {@code GenericPlansTest}); any other is planned with its values.
 *
 * @param <T> what a row is read as
 */
final class PreparedLookup<T> {
  /** Reads the current row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;
  private final String sql;
  private final RowReader<T> reader;
  private final boolean cachedPlan;

  /** The statement kept for each physical connection; closed connections' are dropped. */
  private final ConcurrentHashMap<Connection, PreparedStatement> statements =
      new ConcurrentHashMap<>();

  /**
   * @param cachedPlan whether PostgreSQL may keep a generic plan (see above); when false the
   *     statement is sent unnamed and planned with its values each time, as {@link Database} sends
   *     every statement not marked with {@link CachedPlan}
   */
  PreparedLookup(Database database, String sql, boolean cachedPlan, RowReader<T> reader) {
    this.dataSource = database.dataSource();
    this.sql = sql;
    this.cachedPlan = cachedPlan;
    this.reader = reader;
  }

  /** The first row for these parameter values, if any. */
  Optional<T> find(Object... parameters) {
    List<T> rows = run(1, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Every row for these parameter values (the statement limits how many). */
  List<T> list(Object... parameters) {
    return run(Integer.MAX_VALUE, parameters);
  }

  private List<T> run(int most, Object... parameters) {
    try (Connection pooled = dataSource.getConnection()) {
      Connection connection = pooled.unwrap(Connection.class);
      PreparedStatement statement = statements.get(connection);
      if (statement == null) {
        statement = prepare(connection);
      }
      try {
        for (int i = 0; i < parameters.length; i++) {
          statement.setObject(i + 1, parameters[i]);
        }
        try (ResultSet row = statement.executeQuery()) {
          List<T> rows = new ArrayList<>(1);
          while (rows.size() < most && row.next()) {
            rows.add(reader.read(row));
          }
          return rows;
        }
      } catch (SQLException e) {
        statements.remove(connection, statement);
        closeQuietly(statement);
        throw e;
      }
    } catch (SQLException e) {
      // Neither engine's message quotes a bound value (see Database), so the SQL may be shown.
      throw new IllegalStateException(e.getMessage() + " [statement: " + sql + "]", e);
    }
  }

  private PreparedStatement prepare(Connection connection) throws SQLException {
    statements.keySet().removeIf(PreparedLookup::isClosed);
    PreparedStatement statement = connection.prepareStatement(sql);
    if (cachedPlan && statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(1);
    }
    statements.put(connection, statement);
    return statement;
  }

  /** Whether a physical connection is closed: its kept statements are then dropped. */
  static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // The statement is dropped either way; the caller reports the first failure.
    }
  }
}
