package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.testing.Engine;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On SQLite the change feed is keyed by its position (V12) and the provisioning log has no index on
 * its key (V13): every statement of the feed and the log still reads an index, never the whole
 * table, on a database that has never been analyzed (a school's first sync), loaded with 20,000
 * events and log entries of one school and a few of another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteFeedAndLogPlansTest {
  private static final String SCHOOL = "5c1d0a7e-0000-4000-8000-00000000c001";
  private static final String OTHER_SCHOOL = "5c1d0a7e-0000-4000-8000-00000000c002";
  private static final int ROWS = 20_000;

  private MigratedDatabase migrated;

  @BeforeAll
  void load() {
    migrated = MigratedDatabase.create(Engine.SQLITE);
    migrated
        .database()
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Feed School', 0),"
                      + " (?, 'Other School', 0)",
                  SCHOOL,
                  OTHER_SCHOOL);
              handle.execute(
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                      + " INSERT INTO change_events (seq, account_id, id, tx, at, type, resource_id,"
                      + " source, data) SELECT 1000000 + i, CASE WHEN i % 100 = 0 THEN ? ELSE ? END,"
                      + " 'e' || i, 0, 1000 + i, 'staff.updated', 'r' || i, 'scim',"
                      + " '{\"staff\":{}}' FROM n",
                  ROWS, OTHER_SCHOOL, SCHOOL);
              handle.execute(
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                      + " INSERT INTO provisioning_log (account_id, id, at, method, path, operation,"
                      + " resource_type, resource_id, resource_name, status, failed, scim_type,"
                      + " detail, changes, token_id, token_prefix, correlation_id, duration_ms,"
                      + " resource_bucket) SELECT ?, 'l' || i, 1000 + i, 'PATCH', '/Users/x',"
                      + " 'update', 'User', 'r' || (i % 500), 'name',"
                      + " CASE WHEN i % 10 = 0 THEN 400 ELSE 200 END, i % 10 = 0, NULL, NULL,"
                      + " '[\"active\"]', 't', 'clsk_', 'c', 3, (i % 10) || '' FROM n",
                  ROWS, SCHOOL);
            });
  }

  @AfterAll
  void close() {
    migrated.close();
  }

  private String plan(String sql, Object... values) {
    return migrated
        .database()
        .jdbi()
        .withHandle(
            (Handle handle) -> {
              var query = handle.createQuery("EXPLAIN QUERY PLAN " + sql);
              for (int i = 0; i < values.length; i++) {
                query.bind(i, values[i]);
              }
              return String.join("\n", query.map((rs, ctx) -> rs.getString("detail")).list());
            });
  }

  private static void assertReads(String plan, String... searches) {
    assertThat(plan).as(plan).doesNotContain("SCAN ").contains(searches);
  }

  @Test
  void feedPagesReadTheSchoolsIndexOrTheTablesKey() {
    assertReads(
        plan(named(JdbcChangeEventStore.pageQuery(true)), SCHOOL, 5_000L, 100),
        "SEARCH change_events USING INDEX change_events_school_feed (account_id=? AND seq>?)");
    assertReads(
        plan(named(JdbcChangeEventStore.pageQuery(false)), 5_000L, 100),
        "SEARCH change_events USING INTEGER PRIMARY KEY (rowid>?)");
  }

  @Test
  void aCursorsCheckTheHeadAndANewPositionReadTheTablesKey() {
    assertReads(
        plan(JdbcChangeEventStore.CONTAINS, 1_005_000L),
        "SEARCH change_events USING INTEGER PRIMARY KEY (rowid=?)");
    // MAX of the table's key: one step to its last row.
    assertThat(plan(JdbcChangeEventStore.SQLITE_HEAD)).isEqualTo("SEARCH change_events");
    assertThat(plan(named(Outbox.SQLITE_NEXT_POSITION), 5L)).isEqualTo("SEARCH change_events");
  }

  @Test
  void retentionReadsTheTimeIndexesAndDeletesByTheTablesKey() {
    assertReads(
        plan(JdbcChangeEventStore.SQLITE_DELETE_OLDER, 5_000L, 500),
        "SEARCH change_events USING COVERING INDEX change_events_by_at (at<?)",
        "SEARCH change_events USING INTEGER PRIMARY KEY (rowid=?)");
    assertReads(
        plan(JdbcProvisioningLogStore.SQLITE_DELETE_OLDER, 5_000L, 500),
        "SEARCH provisioning_log USING COVERING INDEX provisioning_log_by_at (at<?)",
        "SEARCH provisioning_log USING INTEGER PRIMARY KEY (rowid=?)");
  }

  @Test
  void logPagesReadTheirKeysetIndexes() {
    assertReads(
        plan(JdbcProvisioningLogStore.pageSql(LogOutcome.ANY, false, true, false), SCHOOL, 50),
        "SEARCH provisioning_log USING INDEX provisioning_log_newest (account_id=?)");
    assertReads(
        plan(
            JdbcProvisioningLogStore.pageSql(LogOutcome.FAILURE, false, true, true),
            SCHOOL,
            true,
            5_000L,
            5_000L,
            "l5000",
            50),
        "SEARCH provisioning_log USING INDEX provisioning_log_by_outcome (account_id=? AND"
            + " failed=?)");
    assertReads(
        plan(
            JdbcProvisioningLogStore.pageSql(LogOutcome.ANY, true, true, true),
            SCHOOL,
            "5",
            "r5",
            5_000L,
            5_000L,
            "l5000",
            50),
        "SEARCH provisioning_log USING INDEX provisioning_log_by_resource_bucket (account_id=? AND"
            + " resource_bucket=?");
    assertReads(
        plan(JdbcProvisioningLogStore.HOURLY, SCHOOL, 5_000L, 10_000L),
        "SEARCH provisioning_log USING INDEX provisioning_log_newest (account_id=? AND at>? AND"
            + " at<?)");
  }

  /** The feed's named parameters as positional ones, in the order they appear. */
  private static String named(String sql) {
    return sql.replaceAll(":[a-z]+", "?");
  }
}
