package com.classlark.scim.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

/**
 * Marks a statement whose plan PostgreSQL may keep for the connection's life: the driver prepares
 * it on the server at its first execution (every other statement is sent unnamed and planned with
 * its values each time, see {@link Database}), and after five executions PostgreSQL may switch it
 * to a cached generic plan. Only for statements whose one right plan does not depend on the values
 * or on the tables' size:
 *
 * <ul>
 *   <li>lookups, updates and deletes by the primary key, or by a unique index that no other index
 *       can stand in for, which {@code GenericPlansTest} checks with generic plans made on empty
 *       tables and run on full ones;
 *   <li>inserts of values, which have no plan to choose.
 * </ul>
 *
 * <p>A prepared statement is parsed and analysed once per connection instead of at every execution:
 * the writes of a SCIM create or edit, marked so, took PostgreSQL's share of a write down enough
 * for 13–16% more PATCH and POST requests per second (docs/benchmarks.md, "Writes as prepared
 * statements"). No effect on SQLite.
 */
final class CachedPlan implements StatementCustomizer {
  static final CachedPlan INSTANCE = new CachedPlan();

  private CachedPlan() {}

  @Override
  public void beforeExecution(PreparedStatement statement, StatementContext context)
      throws SQLException {
    prepareOnServer(statement);
  }

  /** The same for a statement made with plain JDBC. */
  static void prepareOnServer(PreparedStatement statement) throws SQLException {
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(1);
    }
  }
}
