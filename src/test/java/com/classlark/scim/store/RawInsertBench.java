package com.classlark.scim.store;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.ChangeEvents;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The machine's limit for {@code POST /Users}'s rows (issue 17, target 4): plain JDBC, no HTTP, no
 * Jdbi, no pool, each of {@code threads} platform threads on its own connection inserting, in one
 * transaction per staff member, exactly the rows the service's create writes (the staff row with
 * its document, its email row, the school's live count, the change event) with the service's
 * durability settings (SQLite WAL + {@code synchronous=NORMAL}, PostgreSQL's defaults). On SQLite
 * the writers queue on a fair lock in Java, as the service's write queue does. Run by {@code
 * ./bench/raw-insert --db sqlite|postgres --threads 16 --seconds 10}.
 */
public final class RawInsertBench {
  private RawInsertBench() {}

  public static void main(String[] args) throws Exception {
    String db = "sqlite";
    int threads = 16;
    int seconds = 10;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--db" -> db = args[i + 1];
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Engine engine = Engine.valueOf(db.toUpperCase(Locale.ROOT));
    try (TestDatabase database = TestDatabase.create(engine)) {
      String accountId;
      try (Database opened = Database.open(database.target())) {
        opened.migrate();
        accountId =
            com.classlark.scim.app.Services.over(opened, java.time.Clock.systemUTC())
                .accounts()
                .create("Raw insert school")
                .id();
      }
      run(database.target(), engine, accountId, threads, 2, "warm-up");
      run(database.target(), engine, accountId, threads, seconds, "measured");
    }
  }

  private static void run(
      DatabaseTarget target,
      Engine engine,
      String accountId,
      int threads,
      int seconds,
      String phase)
      throws Exception {
    ReentrantLock writeQueue = new ReentrantLock(true);
    AtomicLong done = new AtomicLong();
    AtomicInteger numbers = new AtomicInteger(phase.equals("warm-up") ? 0 : 10_000_000);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread worker =
          Thread.ofPlatform()
              .start(
                  () -> {
                    // One connection at a time: SQLite's journal-mode pragma takes a lock.
                    writeQueue.lock();
                    Writer writer;
                    try {
                      writer =
                          new Writer(connect(target, engine), engine == Engine.SQLITE, accountId);
                    } catch (SQLException e) {
                      failures.add(e);
                      return;
                    } finally {
                      writeQueue.unlock();
                    }
                    try (Connection connection = writer.connection) {
                      while (System.nanoTime() < deadline) {
                        int n = numbers.getAndIncrement();
                        if (engine == Engine.SQLITE) {
                          writeQueue.lock();
                          try {
                            writer.create(n);
                          } finally {
                            writeQueue.unlock();
                          }
                        } else {
                          writer.create(n);
                        }
                        done.incrementAndGet();
                      }
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  });
      workers.add(worker);
    }
    long started = System.nanoTime();
    for (Thread worker : workers) {
      worker.join();
    }
    double took = (System.nanoTime() - started) / 1e9;
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a writer failed", failures.get(0));
    }
    System.out.printf(
        Locale.ROOT,
        "%s %s, %d threads: %d creates in %.1f s = %.0f creates/s%n",
        engine,
        phase,
        threads,
        done.get(),
        took,
        done.get() / took);
  }

  private static Connection connect(DatabaseTarget target, Engine engine) throws SQLException {
    if (engine == Engine.SQLITE) {
      SQLiteConfig sqlite = new SQLiteConfig();
      sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      sqlite.setBusyTimeout(10_000);
      sqlite.enforceForeignKeys(true);
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      return sqlite.createConnection(target.jdbcUrl());
    }
    return DriverManager.getConnection(target.jdbcUrl());
  }

  /** One connection's prepared statements: the rows of one create, one transaction. */
  private static final class Writer {
    private final Connection connection;
    private final String accountId;
    private final PreparedStatement staff;
    private final PreparedStatement email;
    private final PreparedStatement count;
    private final PreparedStatement event;
    private final boolean sqlite;
    private final PreparedStatement begin;
    private final PreparedStatement commit;

    Writer(Connection connection, boolean sqlite, String accountId) throws SQLException {
      this.connection = connection;
      this.sqlite = sqlite;
      this.accountId = accountId;
      // sqlite-jdbc begins the next transaction as soon as one commits when auto-commit is off,
      // which would hold the write lock between creates: SQLite's transactions are explicit here.
      connection.setAutoCommit(sqlite);
      begin = connection.prepareStatement(sqlite ? "BEGIN IMMEDIATE" : "SELECT 1");
      commit = connection.prepareStatement(sqlite ? "COMMIT" : "SELECT 1");
      staff =
          connection.prepareStatement(
              "INSERT INTO staff (account_id, id, user_name, user_name_key, external_id, given_name,"
                  + " given_name_key, family_name, family_name_key, display_name, display_name_key,"
                  + " user_type, active, scim_managed, created_at, last_modified, version, document)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      email =
          connection.prepareStatement(
              "INSERT INTO staff_emails (account_id, staff_id, position, value, value_key, type,"
                  + " type_key, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      count =
          connection.prepareStatement(
              "INSERT INTO staff_counts (account_id, slot, live) VALUES (?, ?, ?) ON CONFLICT"
                  + " (account_id, slot) DO UPDATE SET live = staff_counts.live + excluded.live");
      event =
          connection.prepareStatement(
              "INSERT INTO change_events (account_id, id, tx, at, type, resource_id, source, data)"
                  + " VALUES (?, ?, "
                  + (sqlite
                      ? "(SELECT MAX(COALESCE(MAX(tx), 0) + 1, ?) FROM change_events)"
                      : "pg_current_xact_id()::text::bigint + 0 * ?")
                  + ", ?, ?, ?, ?, ?)");
    }

    void create(int n) throws Exception {
      ObjectNode document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("raw", n));
      document.put("active", true);
      StaffRules.validate(document);
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      String id = UUID.randomUUID().toString();
      if (sqlite) {
        begin.execute();
      }
      StoredResource created = new StoredResource(id, document, now, now, 1, true);
      StaffColumns columns = StaffColumns.of(document);
      staff.setString(1, accountId);
      staff.setString(2, id);
      staff.setString(3, columns.userName());
      staff.setString(4, StaffColumns.key(columns.userName()));
      staff.setString(5, columns.externalId());
      staff.setString(6, columns.givenName());
      staff.setString(7, StaffColumns.key(columns.givenName()));
      staff.setString(8, columns.familyName());
      staff.setString(9, StaffColumns.key(columns.familyName()));
      staff.setString(10, columns.displayName());
      staff.setString(11, StaffColumns.key(columns.displayName()));
      staff.setString(12, columns.userType());
      staff.setBoolean(13, columns.active());
      staff.setBoolean(14, true);
      staff.setLong(15, now.toEpochMilli());
      staff.setLong(16, now.toEpochMilli());
      staff.setLong(17, 1);
      staff.setString(18, ResourceRows.serialise(document));
      staff.executeUpdate();
      for (StaffColumns.Email address : columns.emails()) {
        email.setString(1, accountId);
        email.setString(2, id);
        email.setInt(3, address.position());
        email.setString(4, address.value());
        email.setString(5, StaffColumns.key(address.value()));
        email.setString(6, address.type());
        email.setString(7, StaffColumns.key(address.type()));
        email.setObject(8, address.primary());
        email.executeUpdate();
      }
      count.setString(1, accountId);
      count.setInt(2, Math.floorMod(id.hashCode(), StaffCounts.SLOTS));
      count.setLong(3, 1);
      count.executeUpdate();
      ChangeEvent change = ChangeEvents.staffCreated(accountId, EventSource.SCIM, created);
      event.setString(1, accountId);
      event.setString(2, change.id());
      event.setLong(3, System.currentTimeMillis() * 1000);
      event.setLong(4, change.at().toEpochMilli());
      event.setString(5, change.type().wireName());
      event.setString(6, change.resourceId());
      event.setString(7, change.source().wireName());
      event.setString(8, Json.MAPPER.writeValueAsString(change.data()));
      event.executeUpdate();
      if (sqlite) {
        commit.execute();
      } else {
        connection.commit();
      }
    }
  }
}
