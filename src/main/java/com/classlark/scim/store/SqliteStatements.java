package com.classlark.scim.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps SQLite's compiled statements for each physical connection, so that a statement's SQL is
 * compiled once per connection instead of on every use. SQLite compiles a statement in the client
 * (there is no server to cache it, and the driver keeps none): a profile of {@code PATCH
 * /Users/{id}} at 16 connections put 13% of the samples taken under SQLite's one write lock in
 * {@code sqlite3_prepare}, the staff update's and the change event's statements compiled afresh
 * inside the transaction while every other writer waited.
 *
 * <p>A pooled connection serves one handle at a time, and each statement one use at a time: a
 * statement is taken out of the cache while in use, so a second use of the same SQL meanwhile (a
 * query run while another's rows are read) gets a statement of its own. Returned statements have
 * their parameters cleared; their result set is already closed (Jdbi closes it first), which resets
 * the statement, so a kept statement never holds a read snapshot (checkpoints would stop). Each
 * connection keeps at most {@link #PER_CONNECTION} statements, the least recently used closed
 * first, so SQL that differs with its input (filters, IN lists) cannot grow it.
 */
final class SqliteStatements implements StatementBuilderFactory {
  /**
   * Statements kept per physical connection: a SCIM write uses about ten, the busiest paths
   * together a few dozen; each costs SQLite a few KiB outside the heap.
   */
  static final int PER_CONNECTION = 64;

  private final ConcurrentHashMap<Connection, Kept> kept = new ConcurrentHashMap<>();
  private final StatementBuilder builder = new Builder();

  @Override
  public StatementBuilder createStatementBuilder(Connection connection) {
    return builder;
  }

  /** Statements kept now, over every connection (for tests). */
  int size() {
    return kept.values().stream().mapToInt(Kept::size).sum();
  }

  private Kept keptFor(Connection physical) {
    Kept statements = kept.get(physical);
    if (statements == null) {
      kept.keySet().removeIf(PreparedLookup::isClosed);
      statements = kept.computeIfAbsent(physical, connection -> new Kept());
    }
    return statements;
  }

  private final class Builder extends DefaultStatementBuilder {
    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context)
        throws SQLException {
      if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
        return super.create(connection, sql, context);
      }
      Connection physical = connection.unwrap(Connection.class);
      Kept statements = keptFor(physical);
      PreparedStatement statement = statements.take(sql);
      if (statement == null) {
        statement = physical.prepareStatement(sql);
        statements.lent(sql, statement);
      }
      return statement;
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
      Kept statements = connection == null ? null : kept.get(connection.unwrap(Connection.class));
      if (statements == null || !statements.returned(statement)) {
        statement.close();
      }
    }
  }

  /** One connection's statements: those idle by SQL, least recently used first, and those lent. */
  private static final class Kept {
    private final LinkedHashMap<String, PreparedStatement> idle =
        new LinkedHashMap<>(16, 0.75f, true);

    /** Statements in use, with the SQL they were compiled from (close is given Jdbi's own text). */
    private final Map<Statement, String> lent = new IdentityHashMap<>();

    synchronized PreparedStatement take(String sql) throws SQLException {
      PreparedStatement statement = idle.remove(sql);
      if (statement == null || statement.isClosed()) {
        return null;
      }
      lent.put(statement, sql);
      return statement;
    }

    synchronized void lent(String sql, PreparedStatement statement) {
      lent.put(statement, sql);
    }

    /** Keeps a statement back from its use; false when it is not kept (the caller closes it). */
    synchronized boolean returned(Statement statement) throws SQLException {
      String sql = lent.remove(statement);
      if (sql == null || statement.isClosed() || idle.containsKey(sql)) {
        return false; // not one of these, or a second one of the same SQL: one idle is enough
      }
      PreparedStatement prepared = (PreparedStatement) statement;
      try {
        prepared.clearParameters();
      } catch (SQLException e) {
        return false;
      }
      idle.put(sql, prepared);
      if (idle.size() > PER_CONNECTION) {
        Iterator<PreparedStatement> eldest = idle.values().iterator();
        PreparedStatement old = eldest.next();
        eldest.remove();
        old.close();
      }
      return true;
    }

    synchronized int size() {
      return idle.size();
    }
  }
}
