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

  /** The first transaction whose events have no position yet: the newest 100 events. */
  private static final long UNSEQUENCED_FROM = 1000 + ROWS - 99;

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
              // As the service leaves them: every event written without a position and numbered
              // afterwards, so the indexes keep an entry of its first version (VACUUM kept away),
              // except the newest 100, still waiting for the sequencer, whose low mark is theirs.
              handle.execute("ALTER TABLE change_events SET (autovacuum_enabled = false)");
              handle.execute(
                  "INSERT INTO change_events (account_id, id, tx, seq, at, type, resource_id,"
                      + " source, data) SELECT CASE WHEN i % 100 = 0 THEN ? ELSE ? END,"
                      + " gen_random_uuid()::text, 1000 + i, NULL, 1000 + i, 'staff.updated',"
                      + " gen_random_uuid()::text, 'scim', '{\"staff\":{\"x\":\"' || repeat('x', 400)"
                      + " || '\"}}' FROM generate_series(1, ?) AS i",
                  OTHER_SCHOOL, SCHOOL, ROWS);
              handle.execute(
                  "UPDATE change_events SET seq = tx - 1000 WHERE tx <= ?", UNSEQUENCED_FROM - 1);
              handle.execute(
                  "UPDATE change_feed_sequencer SET last_seq = ?, low_tx = ? WHERE id = 1",
                  UNSEQUENCED_FROM - 1001,
                  UNSEQUENCED_FROM);
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
    String numbering = plan(JdbcChangeEventStore.NUMBER, numberingArguments(), List.of());
    assertUses(numbering, "change_events_unsequenced");
    assertThat(numbering).contains("change_events_pkey");
  }

  /**
   * Past 99,900 numbered events, whose first versions are still in the indexes, the sequencer's
   * look and the numbering's search read a few pages, not one per few hundred events ever numbered
   * (about 340 for the look and 3,100 for the search without the low mark).
   */
  @Test
  void theSequencerReadsFewPagesPastEveryEventItNumbered() {
    assertThat(pagesRead(JdbcChangeEventStore.HEAD, Map.of(), "Index Scan")).isBetween(1, 20);
    assertThat(pagesRead(JdbcChangeEventStore.NUMBER, numberingArguments(), "Subquery Scan"))
        .isBetween(1, 20);
  }

  /**
   * An event waiting for its position is not in the feed's indexes: they serve only readers of
   * positions, and an event enters them once, when it is numbered (V15).
   */
  @Test
  void theFeedIndexesHoldOnlyNumberedEvents() {
    List<String> predicates =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT c.relname || ' ' || COALESCE(pg_get_expr(i.indpred,"
                                + " i.indrelid), 'every row') FROM pg_index i JOIN pg_class c ON"
                                + " c.oid = i.indexrelid WHERE c.relname IN"
                                + " ('change_events_feed', 'change_events_school_feed') AND"
                                + " c.relnamespace = current_schema()::regnamespace ORDER BY"
                                + " c.relname")
                        .mapTo(String.class)
                        .list());
    assertThat(predicates)
        .containsExactly(
            "change_events_feed (seq IS NOT NULL)", "change_events_school_feed (seq IS NOT NULL)");
  }

  private static Map<String, Object> numberingArguments() {
    return Map.of("last", (long) ROWS, "low", UNSEQUENCED_FROM, "batch", 1000);
  }

  /**
   * The pages (shared buffers hit or read) that the first node of a statement's plan whose line
   * contains {@code node} touches, with the nodes under it; the statement is run and rolled back.
   */
  private int pagesRead(String sql, Map<String, Object> named, String node) {
    String top =
        database
            .jdbi()
            .inTransaction(
                (Handle handle) -> {
                  var query = handle.createQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql);
                  named.forEach(query::bind);
                  List<String> lines = query.mapTo(String.class).list();
                  handle.rollback();
                  return lines.stream()
                      .dropWhile(line -> !line.contains(node))
                      .filter(line -> line.contains("Buffers: shared"))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError(String.join("\n", lines)));
                });
    var matcher = java.util.regex.Pattern.compile("(hit|read)=(\\d+)").matcher(top);
    int pages = 0;
    while (matcher.find()) {
      pages += Integer.parseInt(matcher.group(2));
    }
    return pages;
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
