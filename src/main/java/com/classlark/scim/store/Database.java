package com.classlark.scim.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * A connection pool on SQLite or PostgreSQL, with the versioned migrations that both engines share.
 * Opening fails fast, naming the target, when the database cannot be reached.
 */
public final class Database implements AutoCloseable {
  private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

  private final DatabaseTarget target;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private final java.util.concurrent.ScheduledExecutorService statistics;

  private Database(DatabaseTarget target, HikariDataSource dataSource) {
    this.target = target;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.statistics = target.dialect() == Dialect.SQLITE ? refreshSqliteStatistics() : null;
  }

  /**
   * SQLite plans from statistics that only ANALYZE gathers (PostgreSQL's autovacuum does this on
   * its own): {@code PRAGMA optimize} now and every ten minutes refreshes those of tables that
   * changed a lot, so that a school's first sync does not leave queries on the wrong index.
   */
  private java.util.concurrent.ScheduledExecutorService refreshSqliteStatistics() {
    var executor =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sqlite-statistics");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::optimize, 10, 10, java.util.concurrent.TimeUnit.MINUTES);
    return executor;
  }

  /** Refreshes SQLite's planner statistics where they are stale; a no-op on PostgreSQL. */
  public void optimize() {
    if (target.dialect() != Dialect.SQLITE) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("PRAGMA optimize=0x10002");
    } catch (SQLException e) {
      org.slf4j.LoggerFactory.getLogger(Database.class)
          .warn("PRAGMA optimize failed: {}", e.getMessage());
    }
  }

  /** Opens a pool and checks that one connection can be made. */
  public static Database open(DatabaseTarget target) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(target.jdbcUrl());
    config.setPoolName("classlark-" + target.dialect().name().toLowerCase(java.util.Locale.ROOT));
    // Fail fast, naming the target, when the database cannot be reached at start.
    config.setInitializationFailTimeout(2_000);
    config.setConnectionTimeout(10_000);
    if (target.dialect() == Dialect.SQLITE) {
      createParentDirectory(target.sqliteFile());
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
      sqlite.enforceForeignKeys(true);
      // Write transactions take the write lock at BEGIN, so two writers queue on the busy timeout
      // instead of failing when a read lock cannot be upgraded.
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Properties properties = sqlite.toProperties();
      config.setDataSourceProperties(properties);
      config.setMaximumPoolSize(8);
    } else {
      config.setMaximumPoolSize(16);
      // Batches become multi-row statements: one round trip instead of one per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      // Plan every execution with its parameters and the tables' current size. A generic plan
      // cached
      // while a school's tables were still empty (seq scans everywhere) would otherwise outlive its
      // first sync: a 20,000-member group took minutes to read until the next ANALYZE.
      config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
    }
    try {
      return new Database(target, new HikariDataSource(config));
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new DatabaseUnavailableException(
          "cannot open database " + target.describe() + ": " + cause.getMessage(), e);
    }
  }

  private static void createParentDirectory(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null) {
      return;
    }
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new DatabaseUnavailableException(
          "cannot create directory " + parent + " for the SQLite database: " + e.getMessage(), e);
    }
  }

  /**
   * The newest migration version in {@code db/migration}. Kept here so that a start on an
   * up-to-date database needs one query instead of Flyway's classpath scan; a test checks it
   * against the files.
   */
  static final String LATEST_MIGRATION = "1";

  /** True when the newest migration is recorded as applied (one query; false on any doubt). */
  boolean isUpToDate() {
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM flyway_schema_history WHERE version = ? AND success = ?")) {
      statement.setString(1, LATEST_MIGRATION);
      statement.setBoolean(2, true);
      try (var rows = statement.executeQuery()) {
        return rows.next() && rows.getInt(1) == 1;
      }
    } catch (SQLException noHistoryYet) {
      return false;
    }
  }

  /** Applies pending migrations; returns how many were applied. */
  public int migrate() {
    if (isUpToDate()) {
      return 0;
    }
    try {
      MigrateResult result = flyway().migrate();
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot migrate database " + target.describe() + ": " + e.getMessage(), e);
    }
  }

  /** How many migrations this database still lacks. */
  public int pendingMigrations() {
    if (isUpToDate()) {
      return 0;
    }
    try {
      return flyway().info().pending().length;
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot read the migration state of " + target.describe() + ": " + e.getMessage(), e);
    }
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .mixed(true)
        .load();
  }

  /** True when a connection can be made and answers a trivial query. */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  public Dialect dialect() {
    return target.dialect();
  }

  public DatabaseTarget target() {
    return target;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() {
    if (statistics != null) {
      statistics.shutdownNow();
    }
    dataSource.close();
  }
}
