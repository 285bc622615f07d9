package com.classlark.scim.store;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;

/**
 * A fresh database of one engine, open and migrated, and nothing in it: the set-up of the store's
 * plan tests, which load their own rows and never ANALYZE, and of other tests that need only a
 * migrated database. Closing it closes the connection pool, then drops the database.
 */
public final class MigratedDatabase implements AutoCloseable {
  private final TestDatabase testDatabase;
  private final Database database;

  private MigratedDatabase(TestDatabase testDatabase, Database database) {
    this.testDatabase = testDatabase;
    this.database = database;
  }

  public static MigratedDatabase create(Engine engine) {
    TestDatabase testDatabase = TestDatabase.create(engine);
    try {
      Database database = Database.open(testDatabase.target());
      database.migrate();
      return new MigratedDatabase(testDatabase, database);
    } catch (RuntimeException e) {
      testDatabase.close();
      throw e;
    }
  }

  public Database database() {
    return database;
  }

  /**
   * Statistics for this database's own tables (never a bare ANALYZE of the shared server). SQLite
   * analyzes through the pool, whose connections load statistics only when they run ANALYZE
   * themselves or open: the pool then replaces them.
   */
  void analyze() {
    if (testDatabase.engine() == Engine.SQLITE) {
      database.jdbi().useHandle(handle -> handle.execute("ANALYZE"));
      database.renewConnections();
    } else {
      testDatabase.analyze();
    }
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      testDatabase.close();
    }
  }
}
