package com.classlark.scim.directory.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.store.JdbcAccountStore;
import com.classlark.scim.testing.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Provisioning chart's hourly counts and the schools list's failure counts, on both engines:
 * exactly 168 hourly buckets ending with the current hour, only the school's entries inside them,
 * and failures per school in one read.
 */
class LogChartTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:20:00Z");
  private static final Instant FIRST_HOUR = Instant.parse("2026-11-23T11:00:00Z");
  private static final Caller SUPPORT = Caller.commandLine();

  private static LogEntry entry(String school, Instant at, int status) {
    return new LogEntry(
        UUID.randomUUID().toString(),
        school,
        at,
        "POST",
        "/Users",
        LogOperation.CREATE,
        "User",
        null,
        "jane@school.example",
        status,
        status >= 400 ? "uniqueness" : null,
        status >= 400 ? "userName is already taken" : null,
        List.of(),
        null,
        null,
        "corr",
        2,
        null);
  }

  private static String otherSchool(LogFixture fixture) {
    String other = UUID.randomUUID().toString();
    fixture
        .database
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Other School', 0)",
                    other));
    return other;
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theLastWeekHas168HoursAndCountsOnlyTheSchoolsEntriesInThem(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      String school = fixture.school;
      String other = otherSchool(fixture);
      fixture.store.insert(
          List.of(
              entry(school, FIRST_HOUR, 409),
              entry(school, FIRST_HOUR.minusMillis(1), 409),
              entry(school, Instant.parse("2026-11-25T00:59:59.999Z"), 201),
              entry(school, NOW, 201),
              entry(school, NOW.minusSeconds(60), 201),
              entry(school, NOW, 400),
              entry(other, NOW, 201)));
      ProvisioningLog log =
          new ProvisioningLog(fixture.store, new JdbcAccountStore(fixture.database));

      List<LogHour> hours = log.lastWeekByHour(SUPPORT, school, NOW);

      assertThat(hours).hasSize(ProvisioningLog.CHART_HOURS).hasSize(168);
      assertThat(hours.get(0)).isEqualTo(new LogHour(FIRST_HOUR, 0, 1));
      assertThat(hours.get(37)).isEqualTo(new LogHour(Instant.parse("2026-11-25T00:00:00Z"), 1, 0));
      assertThat(hours.get(167))
          .isEqualTo(new LogHour(Instant.parse("2026-11-30T10:00:00Z"), 2, 1));
      assertThat(hours.stream().mapToLong(LogHour::successes).sum()).isEqualTo(3);
      assertThat(hours.stream().mapToLong(LogHour::failures).sum()).isEqualTo(2);
      for (int i = 1; i < hours.size(); i++) {
        assertThat(hours.get(i).start()).isEqualTo(hours.get(i - 1).start().plusSeconds(3600));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void failuresSinceCountEachSchoolsRecentFailuresAndOnlySupportMayReadThem(Engine engine) {
    try (LogFixture fixture = new LogFixture(engine)) {
      String school = fixture.school;
      String quiet = otherSchool(fixture);
      fixture.store.insert(
          List.of(
              entry(school, NOW.minusSeconds(10), 409),
              entry(school, NOW.minus(Duration.ofHours(23)), 400),
              entry(school, NOW.minus(Duration.ofHours(25)), 400),
              entry(school, NOW, 201),
              entry(quiet, NOW, 201)));
      ProvisioningLog log =
          new ProvisioningLog(fixture.store, new JdbcAccountStore(fixture.database));

      Map<String, Long> failures =
          log.failuresSince(SUPPORT, List.of(school, quiet), NOW.minus(Duration.ofHours(24)));

      assertThat(failures).isEqualTo(Map.of(school, 2L));
      assertThat(log.failuresSince(SUPPORT, List.of(), NOW)).isEmpty();
      assertThatThrownBy(
              () ->
                  log.failuresSince(new Caller(ApiKeyRole.APP, null, "app"), List.of(school), NOW))
          .isInstanceOfSatisfying(
              DirectoryException.class,
              refused -> assertThat(refused.kind()).isEqualTo(ProblemKind.FORBIDDEN));
    }
  }
}
