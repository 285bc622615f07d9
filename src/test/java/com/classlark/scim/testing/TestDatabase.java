package com.classlark.scim.testing;

import com.classlark.scim.store.DatabaseTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
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
