package com.classlark.scim.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.sqlite.SQLiteConfig;

/**
 * A connection pool on SQLite or PostgreSQL, with the versioned migrations that both engines share.
 * Opening fails fast, naming the target, when the database cannot be reached.
 */
public final class Database implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);
  private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int MAX_SQL_IN_MESSAGE = 1_000;

  private final DatabaseTarget target;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  /** SQLite only: refreshes statistics and checkpoints the WAL; {@code null} on PostgreSQL. */
  private final ScheduledExecutorService sqliteUpkeep;

  private final com.classlark.scim.directory.events.EventSignal eventSignal =
      new com.classlark.scim.directory.events.EventSignal();

  private Database(DatabaseTarget target, HikariDataSource dataSource) {
    this.target = target;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(Database::withoutBoundValues);
    if (target.dialect() == Dialect.SQLITE) {
      jdbi.setTransactionHandler(new SqliteWriteQueue(jdbi.getTransactionHandler()));
      jdbi.setStatementBuilderFactory(new SqliteStatements());
    }
    this.sqliteUpkeep = target.dialect() == Dialect.SQLITE ? startSqliteUpkeep() : null;
  }

  /**
   * SQLite's upkeep on one daemon thread:
   *
   * <ul>
   *   <li>SQLite plans from statistics that only ANALYZE gathers (PostgreSQL's autovacuum does this
   *       on its own): {@code PRAGMA optimize} now and every ten minutes refreshes those of tables
   *       that changed a lot, so that a school's first sync does not leave queries on the wrong
   *       index.
   *   <li>Checkpoints: a commit appends the pages it changed to the write-ahead log, and a
   *       checkpoint copies them into the database file and syncs both. By default the commit that
   *       fills the log to 1,000 pages runs the checkpoint itself, while this process's other
   *       writers wait for it in {@link SqliteWriteQueue}: with twenty-odd pages per SCIM create,
   *       one write in forty paid for a checkpoint, about a third of the write lock's time. The
   *       pool's connections never checkpoint ({@code wal_autocheckpoint=0}); this thread runs a
   *       passive checkpoint every {@link #CHECKPOINT_INTERVAL_MILLIS}, which copies what every
   *       reader has moved past without blocking readers or writers.
   * </ul>
   */
  private ScheduledExecutorService startSqliteUpkeep() {
    var executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sqlite-upkeep");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::optimize, 10, 10, TimeUnit.MINUTES);
    executor.scheduleWithFixedDelay(
        this::checkpoint,
        CHECKPOINT_INTERVAL_MILLIS,
        CHECKPOINT_INTERVAL_MILLIS,
        TimeUnit.MILLISECONDS);
    return executor;
  }

  /** How often SQLite's write-ahead log is checkpointed (see {@link #startSqliteUpkeep}). */
  static final long CHECKPOINT_INTERVAL_MILLIS = 100;

  /**
   * The write-ahead log's frames (a page and its header) beyond which the upkeep's checkpoint also
   * makes the log start over ({@link #checkpoint}): about 64 MiB of 4 KiB pages.
   */
  static final int SQLITE_LOG_RESTART_FRAMES = 16 * 1024;

  /**
   * The write-ahead log file's size kept when it starts over: as large as {@link
   * #SQLITE_LOG_RESTART_FRAMES} lets it grow, so that a busy service reuses the file's space rather
   * than truncating it and growing it again.
   */
  private static final int SQLITE_JOURNAL_SIZE_LIMIT_BYTES = 65 * 1024 * 1024;

  /** The longest a restart checkpoint waits for the write lock and the log's readers. */
  private static final int SQLITE_RESTART_WAIT_MILLIS = 20;

  /** {@link #SQLITE_LOG_RESTART_FRAMES}, lower in tests. */
  private volatile int logRestartFrames = SQLITE_LOG_RESTART_FRAMES;

  /** {@link #SQLITE_RESTART_WAIT_MILLIS}, longer in tests. */
  private volatile int restartWaitMillis = SQLITE_RESTART_WAIT_MILLIS;

  /**
   * Whether the last checkpoint failed: a failure is logged when it starts, not ten times a second.
   */
  private volatile boolean checkpointFailing;

  /**
   * A passive checkpoint of SQLite's write-ahead log, on the upkeep thread; never fails it.
   *
   * <p>A passive checkpoint never makes the log start over: only a writer does that, when it begins
   * at a moment when every frame has been copied and no reader still reads from the log. Under load
   * there is always such a reader, so the log only grew (2.9 GB after 40 s of creates at 1,500/s)
   * until the service went quiet, and then the first write after the quiet spell truncated it to
   * the size limit while it held the write lock: every write waited up to 1.3 s. So when the log
   * holds more than {@link #SQLITE_LOG_RESTART_FRAMES}, a restart checkpoint follows: it holds the
   * write lock while it copies the frames the passive one left and waits for the readers of the log
   * to finish (new readers read the database file), at most {@link #SQLITE_RESTART_WAIT_MILLIS},
   * and the next write starts the log over, at its beginning. Writers wait for it about once per 64
   * MiB of log (docs/benchmarks.md, "SQLite's log that never started over").
   */
  void checkpoint() {
    if (dataSource.isClosed() || !dataSource.isRunning()) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      int frames;
      try (var result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
        frames = result.next() ? result.getInt(2) : 0;
      }
      if (frames > logRestartFrames) {
        // A restart checkpoint blocks every writer while it waits for the log's readers, for as
        // long as the connection's busy timeout: here only briefly, so that a long read (a large
        // group's members) makes it give up rather than stall the writes; the next one retries.
        statement.execute("PRAGMA busy_timeout = " + restartWaitMillis);
        try {
          statement.execute("PRAGMA wal_checkpoint(RESTART)");
        } finally {
          statement.execute("PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MILLIS);
        }
      }
      if (checkpointFailing) {
        LOG.info("SQLite checkpoints work again");
        checkpointFailing = false;
      }
    } catch (SQLException | RuntimeException e) {
      if (!checkpointFailing) {
        LOG.warn(
            "SQLite checkpoint failed ({}); retrying every {} ms",
            target.mask(String.valueOf(e.getMessage())),
            CHECKPOINT_INTERVAL_MILLIS);
      }
      checkpointFailing = true;
    }
  }

  /**
   * Tests: a lower {@link #SQLITE_LOG_RESTART_FRAMES}, and a longer wait for the log's readers than
   * {@link #SQLITE_RESTART_WAIT_MILLIS}, which a busy machine's scheduler can exceed.
   */
  void restartLogAbove(int frames, Duration readersWait) {
    logRestartFrames = frames;
    restartWaitMillis = Math.toIntExact(readersWait.toMillis());
  }

  /**
   * Tests: stops the upkeep thread's checkpoints, so that a test's own {@link #checkpoint} calls
   * are the only ones; two checkpoints at once make the second find SQLite's checkpoint lock taken.
   */
  void stopUpkeep() throws InterruptedException {
    if (sqliteUpkeep == null) {
      return; // PostgreSQL: no upkeep thread
    }
    sqliteUpkeep.shutdownNow();
    if (!sqliteUpkeep.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the SQLite upkeep thread did not stop");
    }
  }

  /**
   * Refreshes SQLite's planner statistics where they are stale, for every connection of the pool; a
   * no-op on PostgreSQL.
   *
   * <p>ANALYZE also keeps samples of every index's values ({@code sqlite_stat4}; the driver's
   * SQLite is built with them). With samples, a statement whose value is compared with an index's
   * first column ({@code external_id = ?}, {@code value_key = ?}, {@code member_id = ?}) may plan
   * differently for each value, so SQLite parses and plans it again at every execution with new
   * values: kept statements lose what keeping them saved, and {@code filter=externalId eq} cost
   * three times a lookup by id inside SQLite. The plans need only the row counts of {@code
   * sqlite_stat1}, which stay (a lookup's index is led by its value, and a range such as a "changed
   * since" filter is weighed by the counts: SqliteStatisticsTest), so the samples are dropped.
   */
  public void optimize() {
    if (target.dialect() != Dialect.SQLITE) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("PRAGMA optimize=0x10002");
      boolean sampled;
      try (var samples =
          statement.executeQuery(
              "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'")) {
        sampled = samples.next();
      }
      if (sampled) {
        statement.execute("DELETE FROM sqlite_stat4");
      }
    } catch (SQLException e) {
      LOG.warn("SQLite's planner statistics could not be refreshed: {}", e.getMessage());
      return;
    }
    renewConnections();
  }

  /**
   * Replaces the pool's connections: idle ones now, busy ones when they are returned. A SQLite
   * connection loads the planner's statistics when it opens, or when it runs ANALYZE itself; an
   * ANALYZE on one connection leaves the others planning with what they loaded before, none at all
   * for a connection opened while the tables were empty, until the pool retires them half an hour
   * later. SQLite opens a connection in about a millisecond.
   */
  void renewConnections() {
    var pool = dataSource.getHikariPoolMXBean();
    if (pool != null) {
      pool.softEvictConnections();
    }
  }

  /** Opens a pool and checks that one connection can be made. */
  public static Database open(DatabaseTarget target) {
    return open(target, null);
  }

  /**
   * Opens a pool that reports its metrics (connections active, idle, pending, timeouts, wait and
   * usage times) and checks that one connection can be made.
   *
   * @param poolMetrics receives the pool's metrics, or {@code null} for none
   */
  public static Database open(DatabaseTarget target, MetricsTrackerFactory poolMetrics) {
    Database database = create(target, poolMetrics);
    try {
      database.connect();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /**
   * A pool that makes no connection yet, so that a starting service can listen while {@link
   * #connect()} opens it; nothing else may use it before.
   *
   * @param poolMetrics receives the pool's metrics, or {@code null} for none
   */
  public static Database create(DatabaseTarget target, MetricsTrackerFactory poolMetrics) {
    HikariConfig config = new HikariConfig();
    if (poolMetrics != null) {
      config.setMetricsTrackerFactory(poolMetrics);
    }
    config.setJdbcUrl(target.jdbcUrl());
    config.setUsername(target.user());
    config.setPassword(target.password());
    config.setPoolName("classlark-" + target.dialect().name().toLowerCase(java.util.Locale.ROOT));
    // Fail fast, naming the target, when the database cannot be reached at start.
    config.setInitializationFailTimeout(2_000);
    config.setConnectionTimeout(10_000);
    if (target.dialect() == Dialect.SQLITE) {
      createParentDirectory(target.sqliteFile());
      SqliteNativeLibrary.useExtractedCopy(target.sqliteFile().toAbsolutePath().getParent());
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
      sqlite.enforceForeignKeys(true);
      // Write transactions take the write lock at BEGIN, so two writers queue on the busy timeout
      // instead of failing when a read lock cannot be upgraded.
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      // Checkpoints run on the upkeep thread, never in a writer's commit (startSqliteUpkeep).
      sqlite.setWalAutocheckpoint(0);
      sqlite.setJournalSizeLimit(SQLITE_JOURNAL_SIZE_LIMIT_BYTES);
      // The driver otherwise runs SELECT last_insert_rowid() after every INSERT, inside the write
      // lock, to offer generated keys that nothing here asks for.
      sqlite.setGetGeneratedKeys(false);
      Properties properties = sqlite.toProperties();
      config.setDataSourceProperties(properties);
      config.setMaximumPoolSize(maximumPoolSize(Dialect.SQLITE));
    } else {
      config.setMaximumPoolSize(maximumPoolSize(Dialect.POSTGRESQL));
      // The server's error detail quotes the values of the row ("Key (user_name_key)=(…) already
      // exists") and the driver's batch errors quote every bound parameter: neither may reach a
      // message or a log line.
      config.addDataSourceProperty("logServerErrorDetail", "false");
      // Batches become multi-row statements: one round trip instead of one per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
      // Statements are sent unnamed, so PostgreSQL plans each execution with its values and the
      // tables' current size: a generic plan cached while a school's tables were still empty (seq
      // scans everywhere) would otherwise outlive its first sync (a 20,000-member group took
      // minutes to read until the next ANALYZE). Only the statements marked with CachedPlan are
      // prepared on the server and may keep a generic plan, as may the foreign-key checks
      // PostgreSQL runs itself (plan_cache_mode = auto, the default): each of them has one index
      // to use whatever the tables' size (migrations V3 and V9; GenericPlansTest).
      config.addDataSourceProperty("prepareThreshold", "0");
      config.setConnectionInitSql("SET plan_cache_mode = auto");
    }
    // The no-argument data source starts its pool on the first getConnection (connect()).
    HikariDataSource dataSource = new HikariDataSource();
    config.copyStateTo(dataSource);
    return new Database(target, dataSource);
  }

  /**
   * Starts the pool and checks that one connection can be made.
   *
   * @throws DatabaseUnavailableException naming the target, when the database cannot be reached
   */
  public void connect() {
    try {
      dataSource.getConnection().close();
    } catch (SQLException e) {
      throw unavailable(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw unavailable((e.getCause() != null ? e.getCause() : e).getMessage(), e);
    }
  }

  private DatabaseUnavailableException unavailable(String reason, Exception e) {
    return new DatabaseUnavailableException(
        "cannot open database " + target.describe() + ": " + target.mask(reason), e);
  }

  /**
   * A failed statement's message: the driver's message and the SQL, never the bound values (Jdbi
   * lists them by default, and they may be a token's hash, a signing secret or a person's email).
   */
  private static String withoutBoundValues(StatementException exception) {
    StatementContext context = exception.getStatementContext();
    String sql = context == null ? null : context.getRawSql();
    if (sql == null) {
      return exception.getShortMessage();
    }
    String shown =
        sql.length() > MAX_SQL_IN_MESSAGE ? sql.substring(0, MAX_SQL_IN_MESSAGE) + "…" : sql;
    return exception.getShortMessage() + " [statement: " + shown + "]";
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
  public static final String LATEST_MIGRATION = "15";

  private static final MigrationVersion LATEST = MigrationVersion.fromVersion(LATEST_MIGRATION);

  /** How a database's schema compares with the migrations of this version of the service. */
  public enum SchemaState {
    /** None of the service's tables: a new database, or one that is not ClassLark SCIM's. */
    EMPTY,
    /** Migrated by an older version: migrations are pending. */
    BEHIND,
    CURRENT,
    /** Migrated by a newer version, which this version must not write to. */
    AHEAD
  }

  /** What to do with a database whose schema is not current; a newer one is always refused. */
  public enum SchemaPolicy {
    /** Create the tables or apply pending migrations ({@code migrate}, {@code serve --migrate}). */
    MIGRATE,
    /** Apply pending migrations to the service's tables, never create them. */
    MIGRATE_EXISTING,
    /** Refuse anything but the current schema. */
    REQUIRE_CURRENT
  }

  /** One query: the newest successful migration recorded; empty without the history table. */
  private Optional<MigrationVersion> appliedVersion() {
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success = ?")) {
      statement.setBoolean(1, true);
      MigrationVersion newest = null;
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          String version = rows.getString(1);
          if (version != null) {
            MigrationVersion applied = MigrationVersion.fromVersion(version);
            newest = newest == null || applied.compareTo(newest) > 0 ? applied : newest;
          }
        }
      }
      return Optional.ofNullable(newest);
    } catch (SQLException e) {
      if (isMissingTable(e)) {
        return Optional.empty();
      }
      throw new DatabaseUnavailableException(
          "cannot read the schema version of "
              + target.describe()
              + ": "
              + target.mask(e.getMessage()),
          e);
    }
  }

  private boolean isMissingTable(SQLException e) {
    return target.dialect() == Dialect.POSTGRESQL
        ? "42P01".equals(e.getSQLState())
        : String.valueOf(e.getMessage()).contains("no such table");
  }

  /** How this database's schema compares with this version's migrations. */
  public SchemaState schemaState() {
    return schemaState(appliedVersion());
  }

  /** Applies pending migrations, creating the tables if need be; returns how many were applied. */
  public int migrate() {
    return prepareSchema(SchemaPolicy.MIGRATE);
  }

  /**
   * Makes sure this version of the service can use the database, migrating it as the policy allows;
   * returns how many migrations were applied.
   *
   * @throws DatabaseUnavailableException with one line that says what to do: run {@code migrate},
   *     or run the newer version that migrated the database
   */
  public int prepareSchema(SchemaPolicy policy) {
    Optional<MigrationVersion> applied = appliedVersion();
    SchemaState state = schemaState(applied);
    return switch (state) {
      case CURRENT -> 0;
      case AHEAD ->
          throw new DatabaseUnavailableException(
              "database "
                  + target.describe()
                  + " is at schema version "
                  + applied.orElseThrow()
                  + ", newer than this version of ClassLark SCIM knows ("
                  + LATEST
                  + "): it was migrated by a newer version; run that version or a later one",
              null);
      case EMPTY ->
          policy == SchemaPolicy.MIGRATE
              ? runMigrations()
              : refuse(
                  "database "
                      + target.describe()
                      + " has no ClassLark SCIM tables: run 'classlark-scim migrate' with the same"
                      + " --db first");
      case BEHIND ->
          policy == SchemaPolicy.REQUIRE_CURRENT
              ? refuse(
                  "database "
                      + target.describe()
                      + " is at schema version "
                      + applied.orElseThrow()
                      + " and this version of ClassLark SCIM needs "
                      + LATEST
                      + ": run 'classlark-scim migrate' with the same --db first")
              : runMigrations();
    };
  }

  private static SchemaState schemaState(Optional<MigrationVersion> applied) {
    return applied
        .map(
            version -> {
              int comparison = version.compareTo(LATEST);
              return comparison < 0
                  ? SchemaState.BEHIND
                  : comparison == 0 ? SchemaState.CURRENT : SchemaState.AHEAD;
            })
        .orElse(SchemaState.EMPTY);
  }

  private static int refuse(String message) {
    throw new DatabaseUnavailableException(message, null);
  }

  private int runMigrations() {
    try {
      MigrateResult result = flyway().migrate();
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot migrate database " + target.describe() + ": " + target.mask(e.getMessage()), e);
    }
  }

  private Flyway flyway() {
    return flyway(MigrationVersion.LATEST);
  }

  private Flyway flyway(MigrationVersion target) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .placeholders(migrationPlaceholders(dialect()))
        .mixed(true)
        .target(target)
        .load();
  }

  /**
   * Applies the migrations up to {@code version} only, so that a test can write data as an older
   * version did and check what a later migration makes of it.
   */
  int migrateTo(String version) {
    return flyway(MigrationVersion.fromVersion(version)).migrate().migrationsExecuted;
  }

  /**
   * What the migrations say differently per engine: {@code byteOrder}, the collation that compares
   * text byte by byte, {@code postgresOnly}, which comments a statement out on SQLite, and {@code
   * sqliteOnly}, which comments one out on PostgreSQL.
   */
  private static java.util.Map<String, String> migrationPlaceholders(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL
        ? java.util.Map.of("byteOrder", "COLLATE \"C\"", "postgresOnly", "", "sqliteOnly", "-- ")
        : java.util.Map.of("byteOrder", "COLLATE BINARY", "postgresOnly", "-- ", "sqliteOnly", "");
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

  /**
   * The most connections the pool opens on this engine: what the requests of all schools share.
   * SQLite has one writer at a time, so more connections would only queue on its lock.
   */
  public static int maximumPoolSize(Dialect dialect) {
    return dialect == Dialect.SQLITE ? 8 : 16;
  }

  public DatabaseTarget target() {
    return target;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * The pool itself, for the plain-JDBC lookups of the hottest read path ({@link PreparedLookup}).
   */
  javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /**
   * Fires after every transaction of this process that wrote change events commits: what wakes the
   * change feed's sequencer on this node at once, and through it the node's long polls.
   */
  public com.classlark.scim.directory.events.EventSignal eventSignal() {
    return eventSignal;
  }

  @Override
  public void close() {
    if (sqliteUpkeep != null) {
      sqliteUpkeep.shutdown();
      try {
        // A running checkpoint finishes before the pool closes (closing checkpoints the rest).
        sqliteUpkeep.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dataSource.close();
  }
}
