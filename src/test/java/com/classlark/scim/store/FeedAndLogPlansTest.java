package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The change feed's and the provisioning log's statements use their intended indexes on a
 * PostgreSQL database that has never been analyzed (as {@link FirstSyncPlansTest} does for the SCIM
 * statements): migrated first, loaded afterwards with 100,000 events and 100,000 log entries of one
 * school and a few of another, and planned with the service's own settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedAndLogPlansTest {
  private static final String SCHOOL = "5c1d0a7e-0000-4000-8000-00000000b001";
  private static final String OTHER_SCHOOL = "5c1d0a7e-0000-4000-8000-00000000b002";
  private static final int ROWS = 100_000;

  private TestDatabase postgres;
  private Database database;

  @BeforeAll
  void load() {
    postgres = TestDatabase.create(Engine.POSTGRES);
    database = Database.open(postgres.target());
    database.migrate();
    database
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Feed School', 0),"
                      + " (?, 'Other School', 0)",
                  SCHOOL,
                  OTHER_SCHOOL);
              handle.execute(
                  "INSERT INTO change_events (account_id, id, tx, seq, at, type, resource_id,"
                      + " source, data) SELECT CASE WHEN i % 100 = 0 THEN ? ELSE ? END,"
                      + " gen_random_uuid()::text, 1000 + i, CASE WHEN i % 1000 = 0 THEN NULL ELSE"
                      + " i END, 1000 + i, 'staff.updated',"
                      + " gen_random_uuid()::text, 'scim', '{\"staff\":{\"x\":\"' || repeat('x', 400)"
                      + " || '\"}}' FROM generate_series(1, ?) AS i",
                  OTHER_SCHOOL, SCHOOL, ROWS);
              handle.execute(
                  "INSERT INTO provisioning_log (account_id, id, at, method, path, operation,"
                      + " resource_type, resource_id, resource_name, status, failed, scim_type,"
                      + " detail, changes, token_id, token_prefix, correlation_id, duration_ms)"
                      + " SELECT ?, gen_random_uuid()::text, 1000 + i, 'PATCH', '/Users/x', 'update',"
                      + " 'User', 'r' || (i % 5000), 'name', CASE WHEN i % 10 = 0 THEN 400 ELSE 200"
                      + " END, i % 10 = 0, NULL, NULL, '[\"active\"]', 't', 'clsk_', 'c', 3"
                      + " FROM generate_series(1, ?) AS i",
                  SCHOOL, ROWS);
            });
  }

  @AfterAll
  void close() {
    database.close();
    postgres.close();
  }

  private String plan(String sql, Map<String, Object> named, List<Object> positional) {
    return database
        .jdbi()
        .withHandle(
            (Handle handle) -> {
              var query = handle.createQuery("EXPLAIN " + sql);
              named.forEach(query::bind);
              for (int i = 0; i < positional.size(); i++) {
                query.bind(i, positional.get(i));
              }
              return String.join("\n", query.mapTo(String.class).list());
            });
  }

  private static void assertUses(String plan, String index) {
    // An index scan, or a bitmap index scan (then a sort of the few rows it found).
    assertThat(plan)
        .as(plan)
        .containsPattern("Index (Only )?Scan (Backward )?(using|on) " + index + " ")
        .doesNotContain("Seq Scan");
  }

  @Test
  void aSchoolsFeedPageReadsTheSchoolFeedIndex() {
    assertUses(
        plan(
            JdbcChangeEventStore.pageQuery(true),
            Map.of("school", SCHOOL, "after", 50_000L, "limit", 100),
            List.of()),
        "change_events_school_feed");
  }

  @Test
  void theFeedOfEverySchoolReadsTheFeedIndex() {
    assertUses(
        plan(
            JdbcChangeEventStore.pageQuery(false),
            Map.of("after", 50_000L, "limit", 100),
            List.of()),
        "change_events_feed");
  }

  @Test
  void aCursorsCheckAndRetentionOfEventsUseTheirIndexes() {
    assertUses(
        plan(JdbcChangeEventStore.CONTAINS, Map.of(), List.of(50_000L)), "change_events_feed");
    assertUses(
        plan(JdbcChangeEventStore.DELETE_OLDER, Map.of(), List.of(20_000L, 500)),
        "change_events_by_at");
  }

  /** The sequencer looks for events without a position, and numbers them, by its partial index. */
  @Test
  void theSequencerFindsEventsWithoutPositionByItsIndex() {
    assertUses(plan(JdbcChangeEventStore.HEAD, Map.of(), List.of()), "change_events_unsequenced");
    String numbering =
        plan(JdbcChangeEventStore.NUMBER, Map.of("last", 100_000L, "batch", 1000), List.of());
    assertUses(numbering, "change_events_unsequenced");
    assertThat(numbering).contains("change_events_pkey");
  }

  @Test
  void provisioningLogPagesUseTheirIndexes() {
    assertUses(
        plan(
            JdbcProvisioningLogStore.pageSql(LogOutcome.ANY, false, false, false),
            Map.of(),
            List.of(SCHOOL, 50)),
        "provisioning_log_newest");
    assertUses(
        plan(
            JdbcProvisioningLogStore.pageSql(LogOutcome.FAILURE, false, false, true),
            Map.of(),
            List.of(SCHOOL, true, 50_000L, 50_000L, "x", 50)),
        "provisioning_log_by_outcome");
    assertUses(
        plan(
            JdbcProvisioningLogStore.pageSql(LogOutcome.ANY, true, false, false),
            Map.of(),
            List.of(SCHOOL, "r42", 50)),
        "provisioning_log_by_resource");
  }
}
