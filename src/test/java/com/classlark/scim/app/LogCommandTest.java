package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.directory.log.LogEntry;
import com.classlark.scim.directory.log.LogJson;
import com.classlark.scim.directory.log.LogOperation;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcProvisioningLogStore;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code log --account ID [--failures] [--limit N] [--json]} on both engines. */
class LogCommandTest {
  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

  private static LogEntry entry(
      String id, String account, Instant at, int status, String detail, List<String> changes) {
    return new LogEntry(
        id,
        account,
        at,
        status >= 400 ? "POST" : "PATCH",
        status >= 400 ? "/Users" : "/Users/u1",
        status >= 400 ? LogOperation.CREATE : LogOperation.UPDATE,
        "User",
        status >= 400 ? null : "u1",
        "jane@school.example",
        status,
        status >= 400 ? "invalidValue" : null,
        detail,
        changes,
        "t1",
        "clsk_AbCdEf",
        "corr-" + id,
        4,
        null);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void showsTheNewestEntriesOrOnlyTheFailures(Engine engine) {
    try (TestDatabase database = TestDatabase.create(engine)) {
      assertThat(run("migrate", "--db", database.spec()).exitCode()).isZero();
      String account =
          run("accounts", "create", "--name", "Log School", "--json", "--db", database.spec())
              .json()
              .path("id")
              .asText();
      LogEntry failed =
          entry("e1", account, AT, 400, "userType must be exactly one of Staff", List.of());
      LogEntry updated = entry("e2", account, AT.plusSeconds(1), 200, null, List.of("active"));
      try (Database opened = Database.open(database.target())) {
        new JdbcProvisioningLogStore(opened).insert(List.of(failed, updated));
      }

      Run all = admin(database, "log", "--account", account);
      Run failures = admin(database, "log", "--account", account, "--failures", "--json");
      Run limited = admin(database, "log", "--account", account, "--limit", "0");

      assertThat(all.exitCode()).as(all.err()).isZero();
      assertThat(all.out())
          .isEqualTo(
              "2026-11-30T10:00:01Z 200 PATCH /Users/u1 (jane@school.example) changed active"
                  + " token=clsk_AbCdEf correlation=corr-e2"
                  + System.lineSeparator()
                  + "2026-11-30T10:00:00Z 400 POST /Users (jane@school.example) [invalidValue]:"
                  + " userType must be exactly one of Staff token=clsk_AbCdEf correlation=corr-e1"
                  + System.lineSeparator());
      ObjectNode expected = Json.object();
      expected.putArray("items").add(LogJson.entry(failed));
      assertThat(failures.json()).isEqualTo(Bodies.tree(expected.toString()));
      assertThat(limited.exitCode()).isEqualTo(2);
    }
  }

  private static Run admin(TestDatabase database, String... args) {
    return run(
        Stream.concat(Stream.of(args), Stream.of("--db", database.spec())).toArray(String[]::new));
  }
}
