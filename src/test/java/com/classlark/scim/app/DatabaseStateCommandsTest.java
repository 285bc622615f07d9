package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.Database.SchemaState;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command on a database it cannot use answers with one line that says what to do, exits 1,
 * and leaves the database as it was: a database without the service's tables, one migrated by a
 * newer version, a SQLite path that does not exist.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class DatabaseStateCommandsTest {
  private static final String NL = System.lineSeparator();

  @Parameter Engine engine;

  /** A database of the engine without any table: a new schema, or an existing empty file. */
  private TestDatabase emptyDatabase() throws IOException {
    TestDatabase database = TestDatabase.create(engine);
    if (engine == Engine.SQLITE) {
      Files.createFile(Path.of(database.spec()));
    }
    return database;
  }

  private static SchemaState stateOf(TestDatabase testDatabase) {
    try (Database database = Database.open(testDatabase.target())) {
      return database.schemaState();
    }
  }

  private static Run serve(String db, String... more) {
    List<String> args = new ArrayList<>(List.of("--db", db));
    args.addAll(List.of(more));
    return CommandLineTest.serveThatMustRefuse(args.toArray(String[]::new));
  }

  @Test
  void everyAdminCommandOnADatabaseWithoutTheTablesSaysToRunMigrate() throws IOException {
    try (TestDatabase database = emptyDatabase()) {
      List<List<String>> commands = CommandTree.adminCommands();
      assertThat(commands).contains(List.of("accounts", "list"), List.of("tokens", "issue"));

      for (List<String> command : commands) {
        Run run = run(CommandTree.invocation(command, database.spec()));

        assertThat(run.exitCode()).as("%s", command).isEqualTo(1);
        assertThat(run.out()).as("%s", command).isEmpty();
        assertThat(run.err())
            .as("%s", command)
            .isEqualTo(
                "error: database "
                    + database.target().describe()
                    + " has no ClassLark SCIM tables: run 'classlark-scim migrate' with the same"
                    + " --db first"
                    + NL);
      }
      assertThat(stateOf(database)).isEqualTo(SchemaState.EMPTY);

      assertThat(run("migrate", "--db", database.spec()).exitCode()).isZero();
      assertThat(run("accounts", "list", "--db", database.spec()).exitCode()).isZero();
    }
  }

  @Test
  void serveOnPostgresWithoutTheTablesSaysToRunMigrate() {
    assumeTrue(engine == Engine.POSTGRES, "serve always migrates the embedded database");
    try (TestDatabase database = TestDatabase.create(engine)) {
      Run run = serve(database.spec());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .isEqualTo(
              "error: database "
                  + database.target().describe()
                  + " has no ClassLark SCIM tables: run 'classlark-scim migrate' with the same --db"
                  + " first"
                  + NL);
      assertThat(stateOf(database)).isEqualTo(SchemaState.EMPTY);
    }
  }

  @Test
  void aDatabaseMigratedByANewerVersionIsRefusedByEveryCommand() {
    try (TestDatabase database = TestDatabase.create(engine)) {
      assertThat(run("migrate", "--db", database.spec()).exitCode()).isZero();
      try (Database open = Database.open(database.target())) {
        open.jdbi()
            .useHandle(
                handle ->
                    handle
                        .createUpdate(
                            "INSERT INTO flyway_schema_history (installed_rank, version,"
                                + " description, type, script, checksum, installed_by,"
                                + " execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .bind(0, 999)
                        .bind(1, "999")
                        .bind(2, "from the future")
                        .bind(3, "SQL")
                        .bind(4, "V999__from_the_future.sql")
                        .bind(5, 0)
                        .bind(6, "test")
                        .bind(7, 0)
                        .bind(8, true)
                        .execute());
      }
      String refusal =
          "error: database "
              + database.target().describe()
              + " is at schema version 999, newer than this version of ClassLark SCIM knows ("
              + Database.LATEST_MIGRATION
              + "): it was migrated by a newer version; run that version or a later one"
              + NL;

      List<Run> runs = new ArrayList<>();
      for (List<String> command : CommandTree.adminCommands()) {
        runs.add(run(CommandTree.invocation(command, database.spec())));
      }
      runs.add(run("migrate", "--db", database.spec()));
      runs.add(serve(database.spec()));
      runs.add(serve(database.spec(), "--migrate"));

      assertThat(runs)
          .hasSizeGreaterThan(4)
          .allSatisfy(
              run -> {
                assertThat(run.exitCode()).isEqualTo(1);
                assertThat(run.err()).isEqualTo(refusal);
              });
    }
  }

  @Test
  void adminCommandsRefuseASqlitePathThatDoesNotExist() throws IOException {
    assumeTrue(engine == Engine.SQLITE, "only SQLite databases are files");
    Path directory = Files.createTempDirectory("classlark-missing-");
    Path mistyped = directory.resolve("typo").resolve("classlark-scim.db");

    for (List<String> command : CommandTree.adminCommands()) {
      Run run = run(CommandTree.invocation(command, mistyped.toString()));

      assertThat(run.exitCode()).as("%s", command).isEqualTo(1);
      assertThat(run.err())
          .as("%s", command)
          .isEqualTo(
              "error: no database at "
                  + mistyped
                  + ": check --db (or CLASSLARK_DB); 'classlark-scim migrate' or 'serve' creates a"
                  + " new one"
                  + NL);
    }
    assertThat(directory.resolve("typo")).doesNotExist();
    Files.delete(directory);
  }
}
