package com.classlark.scim.testing;

import com.classlark.scim.store.DatabaseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one test class: a new SQLite file, or a new schema in the local
 * PostgreSQL (so runs never see each other's data). Dropped on close.
 */
public final class TestDatabase implements AutoCloseable {
  /** The PostgreSQL server the tests use; override with CLASSLARK_TEST_PG_URL. */
  public static final String POSTGRES_URL =
      System.getenv()
          .getOrDefault(
              "CLASSLARK_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private final Engine engine;
  private final DatabaseTarget target;
  private final Path directory;
  private final String schema;

  private TestDatabase(Engine engine, DatabaseTarget target, Path directory, String schema) {
    this.engine = engine;
    this.target = target;
    this.directory = directory;
    this.schema = schema;
  }

  public static TestDatabase create(Engine engine) {
    return switch (engine) {
      case SQLITE -> {
        try {
          Path directory = Files.createTempDirectory("classlark-test-");
          Path file = directory.resolve("scim.db");
          yield new TestDatabase(engine, DatabaseTarget.parse(file.toString()), directory, null);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      case POSTGRES -> {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        String separator = POSTGRES_URL.contains("?") ? "&" : "?";
        yield new TestDatabase(
            engine,
            DatabaseTarget.parse(POSTGRES_URL + separator + "currentSchema=" + schema),
            null,
            schema);
      }
    };
  }

  private static void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + POSTGRES_URL
              + " is needed for the tests (.ci/run starts it): "
              + e.getMessage(),
          e);
    }
  }

  public Engine engine() {
    return engine;
  }

  public DatabaseTarget target() {
    return target;
  }

  /** The value to pass as {@code --db}. */
  public String spec() {
    return target.sqliteFile() != null ? target.sqliteFile().toString() : target.jdbcUrl();
  }

  /**
   * Gathers statistics for this database's tables only. On PostgreSQL a bare {@code ANALYZE} would
   * analyze every schema of the shared database, including those of concurrent test runs that rely
   * on tables never analyzed (FirstSyncPlansTest).
   */
  public void analyze() {
    try (Connection connection = DriverManager.getConnection(target.jdbcUrl());
        Statement statement = connection.createStatement()) {
      if (schema == null) {
        statement.execute("ANALYZE");
        return;
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = '" + schema + "'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        statement.execute("ANALYZE " + schema + "." + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ANALYZE failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (schema != null) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
