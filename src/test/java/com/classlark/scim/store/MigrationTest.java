package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.events.EventType;
import com.classlark.scim.directory.events.FeedPosition;
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
}
