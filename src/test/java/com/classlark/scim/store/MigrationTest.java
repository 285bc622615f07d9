package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
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
}
