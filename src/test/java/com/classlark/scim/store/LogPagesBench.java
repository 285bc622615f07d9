package com.classlark.scim.store;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What a provisioning-log entry costs SQLite's one write lock (issue 15): the pages a batch of
 * entries adds to the write-ahead log, per entry, with the log's indexes as a migration left them.
 * A fresh SQLite file is migrated (up to {@code --migrate-to}, by default all of them), then plain
 * JDBC inserts {@code --warm} entries and measures the next {@code --entries} in batches of {@code
 * --batch}, one transaction each as the log writer's, each entry on one of {@code --resources}
 * random staff ids as a school's PATCHes are. Checkpoints are off while it measures, so the WAL
 * file's growth is exactly what the commits wrote, whatever the machine's load; the time per entry
 * is noisy. Run by {@code ./bench/log-pages --batch 150} (and {@code --migrate-to 13} for the
 * layout before the per-resource index was led by a bucket).
 */
public final class LogPagesBench {
  private LogPagesBench() {}

  public static void main(String[] args) throws Exception {
    String version = null;
    int batch = 150;
    int resources = 2_000;
    int warm = 20_000;
    int entries = 20_000;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--migrate-to" -> version = args[i + 1];
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--resources" -> resources = Integer.parseInt(args[i + 1]);
        case "--warm" -> warm = Integer.parseInt(args[i + 1]);
        case "--entries" -> entries = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE)) {
      try (Database opened = Database.open(database.target())) {
        if (version == null) {
          opened.migrate();
        } else {
          opened.migrateTo(version);
        }
        opened
            .jdbi()
            .useHandle(
                handle ->
                    handle.execute(
                        "INSERT INTO accounts (id, name, created_at) VALUES ('s', 'School', 0)"));
      }
      Path file = database.target().sqliteFile();
      measure(
          file,
          version == null ? Database.LATEST_MIGRATION : version,
          batch,
          resources,
          warm,
          entries);
    }
  }

  private static void measure(
      Path file, String version, int batch, int resources, int warm, int entries)
      throws SQLException, java.io.IOException {
    Random random = new Random(15);
    List<String> staff = new ArrayList<>();
    for (int i = 0; i < resources; i++) {
      staff.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      int pageSize;
      boolean bucketed;
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=NORMAL");
        statement.execute("PRAGMA wal_autocheckpoint=0");
        try (ResultSet rs = statement.executeQuery("PRAGMA page_size")) {
          rs.next();
          pageSize = rs.getInt(1);
        }
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT COUNT(*) FROM pragma_table_info('provisioning_log')"
                    + " WHERE name = 'resource_bucket'")) {
          rs.next();
          bucketed = rs.getInt(1) == 1;
        }
      }
      connection.setAutoCommit(false);
      Path wal = Path.of(file + "-wal");
      long at = 1_700_000_000_000L;
      int written = 0;
      long walBefore = 0;
      long started = 0;
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO provisioning_log (account_id, id, at, method, path, operation,"
                  + " resource_type, resource_id, resource_name, status, failed, changes,"
                  + " token_id, token_prefix, correlation_id, duration_ms"
                  + (bucketed ? ", resource_bucket" : "")
                  + ") VALUES (?, ?, ?, 'PATCH', ?, 'update', 'User', ?, ?, 200, ?,"
                  + " '[\"name.givenName\"]', 'token', 'clsk_abcd', ?, 3"
                  + (bucketed ? ", ?" : "")
                  + ")")) {
        while (written < warm + entries) {
          if (written >= warm && started == 0) {
            try (Statement statement = connection.createStatement()) {
              statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            walBefore = Files.size(wal);
            started = System.nanoTime();
            warm = written;
          }
          for (int i = 0; i < batch; i++, written++) {
            String resource = staff.get(random.nextInt(resources));
            insert.setString(1, "s");
            insert.setString(2, UUID.randomUUID().toString());
            insert.setLong(3, ++at);
            insert.setString(4, "/Users/" + resource);
            insert.setString(5, resource);
            insert.setString(6, "teacher-" + resource.substring(0, 8) + "@school.example");
            insert.setBoolean(7, false);
            insert.setString(8, UUID.randomUUID().toString());
            if (bucketed) {
              insert.setString(9, JdbcProvisioningLogStore.bucket(resource));
            }
            insert.addBatch();
          }
          insert.executeBatch();
          connection.commit();
        }
      }
      long nanos = System.nanoTime() - started;
      int measured = written - warm;
      System.out.printf(
          "migrations up to V%s, batches of %d entries over %d resources, %d entries measured"
              + " after %d: %.2f WAL pages per entry, %.1f µs per entry%n",
          version,
          batch,
          resources,
          measured,
          warm,
          (Files.size(wal) - walBefore) / (pageSize + 24.0) / measured,
          nanos / 1000.0 / measured);
    }
  }
}
