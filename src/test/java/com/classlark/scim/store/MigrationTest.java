package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.events.EventType;
import com.classlark.scim.directory.events.FeedPosition;
import com.classlark.scim.directory.log.LogEntry;
import com.classlark.scim.directory.log.LogOperation;
import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same migrations build the schema from an empty database on both engines. */
class MigrationTest {

  @org.junit.jupiter.api.Test
  void latestMigrationConstantNamesTheNewestMigrationFile() throws Exception {
    var directory = java.nio.file.Path.of(getClass().getResource("/db/migration").toURI());
    int newest;
    try (var files = java.nio.file.Files.list(directory)) {
      newest =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.matches("V\\d+__.*\\.sql"))
              .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
              .max()
              .orElseThrow();
    }
    assertThat(Database.LATEST_MIGRATION).isEqualTo(Integer.toString(newest));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void migratesAnEmptyDatabaseOnceAndThenHasNothingPending(Engine engine) {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      assertThat(database.schemaState()).isEqualTo(Database.SchemaState.EMPTY);

      int applied = database.migrate();

      assertThat(applied).isGreaterThan(0);
      assertThat(database.schemaState()).isEqualTo(Database.SchemaState.CURRENT);
      assertThat(database.migrate()).isZero();
      List<String> tables =
          database
              .jdbi()
              .withHandle(
                  handle ->
                      List.of(
                              "accounts",
                              "tokens",
                              "staff",
                              "staff_emails",
                              "staff_groups",
                              "group_members")
                          .stream()
                          .filter(
                              table ->
                                  handle
                                          .createQuery("SELECT COUNT(*) FROM " + table)
                                          .mapTo(Integer.class)
                                          .one()
                                      == 0)
                          .toList());
      assertThat(tables)
          .containsExactly(
              "accounts", "tokens", "staff", "staff_emails", "staff_groups", "group_members");
    }
  }

  /**
   * Events written before V10 had no position: V10 numbers them in the order the feed gave them,
   * {@code (tx, id)}, and new events come after them.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void eventsWrittenBeforePositionsKeepTheirOrderAndNewOnesFollow(Engine engine) {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrateTo("8");
      database
          .jdbi()
          .useTransaction(
              handle -> {
                handle.execute("INSERT INTO accounts (id, name, created_at) VALUES ('s', 'S', 0)");
                // (tx, id) order: c, a, b.
                for (String[] event : new String[][] {{"7", "a"}, {"5", "c"}, {"7", "b"}}) {
                  handle.execute(
                      "INSERT INTO change_events (account_id, id, tx, at, type, resource_id, source,"
                          + " data) VALUES ('s', ?, ?, 0, 'staff.created', ?, 'scim', '{}')",
                      event[1],
                      Long.parseLong(event[0]),
                      event[1]);
                }
              });

      database.migrate();
      JdbcChangeEventStore store = new JdbcChangeEventStore(database);
      ChangeEvent later =
          new ChangeEvent(
              "d",
              EventType.STAFF_CREATED,
              Instant.EPOCH,
              "s",
              "d",
              EventSource.SCIM,
              Json.object());
      database.jdbi().useTransaction(handle -> new Outbox(database).write(handle, later));
      store.sequence();

      assertThat(store.after("s", FeedPosition.START, 10))
          .extracting(event -> event.event().resourceId())
          .containsExactly("c", "a", "b", "d");
    }
  }

  /**
   * Log entries written before V14 are found by their resource afterwards, on SQLite through the
   * bucket the migration gives them, which must be the one the store computes for new entries (a
   * last character outside the BMP included); entries of another resource in the same bucket stay
   * out of a resource's pages.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void logEntriesWrittenBeforeBucketsAreFoundByTheirResource(Engine engine) {
    String emoji = "x-\uD83D\uDE00";
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrateTo("13");
      database
          .jdbi()
          .useTransaction(
              handle -> {
                handle.execute("INSERT INTO accounts (id, name, created_at) VALUES ('s', 'S', 0)");
                int at = 0;
                for (String resource : new String[] {"a1", emoji, "b1", null, "a1"}) {
                  at++;
                  handle.execute(
                      "INSERT INTO provisioning_log (account_id, id, at, method, path, operation,"
                          + " resource_id, status, failed, correlation_id, duration_ms) VALUES"
                          + " ('s', ?, ?, 'PATCH', '/Users', 'update', ?, 200, ?, 'c', 1)",
                      "old" + at,
                      at,
                      resource,
                      false);
                }
              });

      database.migrate();
      JdbcProvisioningLogStore store = new JdbcProvisioningLogStore(database);
      store.insert(
          List.of(entry("new1", 10, "c1"), entry("new2", 11, emoji), entry("new3", 12, "a1")));

      assertThat(store.page("s", LogOutcome.ANY, "a1", null, null, 10))
          .extracting(LogEntry::id)
          .containsExactly("new3", "old5", "old1");
      assertThat(store.page("s", LogOutcome.ANY, "a1", Instant.ofEpochMilli(5), "old5", 10))
          .extracting(LogEntry::id)
          .containsExactly("old1");
      assertThat(store.page("s", LogOutcome.ANY, emoji, null, null, 10))
          .extracting(LogEntry::id)
          .containsExactly("new2", "old2");
      assertThat(store.page("s", LogOutcome.ANY, "b1", null, null, 10))
          .extracting(LogEntry::id)
          .containsExactly("old3");
      assertThat(store.page("s", LogOutcome.ANY, "\uDE00", null, null, 10)).isEmpty();
    }
  }

  private static LogEntry entry(String id, long at, String resourceId) {
    return new LogEntry(
        id,
        "s",
        Instant.ofEpochMilli(at),
        "PATCH",
        "/Users/" + resourceId,
        LogOperation.UPDATE,
        "User",
        resourceId,
        null,
        200,
        null,
        null,
        List.of(),
        null,
        null,
        "c",
        1,
        null);
  }
}
