package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole school's release works through its records in batches within one transaction: a school
 * with more records than one batch is released whole, each record with its {@code staff.released}
 * or {@code group.released} event, and another school's records stay managed.
 */
class SchoolReleaseBatchesTest {
  private static final Caller SUPPORT = new Caller(ApiKeyRole.SUPPORT, null, "support");
  private static final int BATCH = 2;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aSchoolWithMoreRecordsThanOneBatchIsReleasedWholeWithAnEventEach(Engine engine) {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Big School").id();
      String other = services.accounts().create("Other School").id();
      List<String> staff = new ArrayList<>();
      for (int i = 0; i < 2 * BATCH + 1; i++) {
        staff.add(create(services, school));
      }
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < BATCH + 1; i++) {
        groups.add(
            services
                .groups()
                .create(school, Bodies.parse(Bodies.json("{'displayName':'Group " + i + "'}")))
                .id());
      }
      String otherStaff = create(services, other);

      ReleasedCounts counts =
          new JdbcReleaseStore(database, BATCH).releaseSchool(school, Instant.now(), SUPPORT);

      assertThat(counts).isEqualTo(new ReleasedCounts(staff.size(), groups.size()));
      assertThat(managed(database, "staff", school)).isZero();
      assertThat(managed(database, "staff_groups", school)).isZero();
      assertThat(managed(database, "staff", other)).isEqualTo(1);
      List<String> expected = new ArrayList<>();
      staff.forEach(id -> expected.add("staff.released " + id));
      groups.forEach(id -> expected.add("group.released " + id));
      assertThat(releasedEvents(database)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(releasedEvents(database)).noneMatch(event -> event.endsWith(otherStaff));
    }
  }

  private static String create(Services services, String school) {
    return services
        .staff()
        .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("big"))))
        .resource()
        .id();
  }

  private static int managed(Database database, String table, String school) {
    String count =
        rows(
                database,
                "SELECT COUNT(*) FROM " + table + " WHERE account_id = ? AND scim_managed = ?",
                school,
                true)
            .get(0);
    return Integer.parseInt(count);
  }

  private static List<String> releasedEvents(Database database) {
    return rows(
        database,
        "SELECT type || ' ' || resource_id FROM change_events WHERE type IN (?, ?)",
        "staff.released",
        "group.released");
  }

  /** The first column of every row the query finds, as text. */
  private static List<String> rows(Database database, String sql, Object... values) {
    return database
        .jdbi()
        .withHandle(
            handle -> {
              var query = handle.createQuery(sql);
              for (int i = 0; i < values.length; i++) {
                query.bind(i, values[i]);
              }
              return query.map((rs, ctx) -> rs.getString(1)).list();
            });
  }
}
