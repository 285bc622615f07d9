package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every filter an identity provider sends runs on an index: EXPLAIN of the query the store runs,
 * with sequential scans disabled on PostgreSQL (so the plan shows whether an index can serve it at
 * all), and SQLite's query plan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexUsageTest {
  private MigratedDatabase postgres;
  private MigratedDatabase sqlite;
  private Database postgresDatabase;
  private Database sqliteDatabase;

  @BeforeAll
  void open() {
    postgres = MigratedDatabase.create(Engine.POSTGRES);
    sqlite = MigratedDatabase.create(Engine.SQLITE);
    postgresDatabase = postgres.database();
    sqliteDatabase = sqlite.database();
    seed(postgresDatabase);
    seed(sqliteDatabase);
    postgres.analyze();
    sqlite.analyze();
  }

  private static final String SCHOOL = UUID.randomUUID().toString();
  private static final int ROWS = 3000;

  /**
   * Realistic statistics: one school with thousands of staff, each with an email, then ANALYZE (in
   * open).
   */
  private static void seed(Database database) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Index School', 0)",
                  SCHOOL);
              var staff =
                  handle.prepareBatch(
                      "INSERT INTO staff (account_id, id, user_name, user_name_key, external_id, active,"
                          + " scim_managed, created_at, last_modified, version, document)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, '{}')");
              var emails =
                  handle.prepareBatch(
                      "INSERT INTO staff_emails (account_id, staff_id, position, value, value_key, type,"
                          + " type_key, is_primary) VALUES (?, ?, 0, ?, ?, 'work', 'work', ?)");
              for (int i = 0; i < ROWS; i++) {
                String id = UUID.randomUUID().toString();
                String email = "staff" + i + "@school.example";
                staff
                    .bind(0, SCHOOL)
                    .bind(1, id)
                    .bind(2, email)
                    .bind(3, email)
                    .bind(4, "ext-" + i)
                    .bind(5, true)
                    .bind(6, true)
                    .bind(7, (long) i * 1000)
                    .bind(8, (long) i * 1000)
                    .add();
                emails
                    .bind(0, SCHOOL)
                    .bind(1, id)
                    .bind(2, email)
                    .bind(3, email)
                    .bind(4, true)
                    .add();
              }
              staff.execute();
              emails.execute();
              var groups =
                  handle.prepareBatch(
                      "INSERT INTO staff_groups (account_id, id, display_name, display_name_key, external_id,"
                          + " scim_managed, created_at, last_modified, version, document)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, '{}')");
              for (int i = 0; i < ROWS / 10; i++) {
                groups
                    .bind(0, SCHOOL)
                    .bind(1, UUID.randomUUID().toString())
                    .bind(2, "Group " + i)
                    .bind(3, "group " + i)
                    .bind(4, "gext-" + i)
                    .bind(5, true)
                    .bind(6, (long) i)
                    .bind(7, (long) i)
                    .add();
              }
              groups.execute();
              handle.execute(
                  "INSERT INTO group_members (account_id, group_id, member_id) SELECT g.account_id, g.id,"
                      + " s.id FROM staff_groups g JOIN staff s ON s.account_id = g.account_id"
                      + " WHERE g.display_name = 'Group 1' AND s.external_id LIKE 'ext-1%'");
            });
  }

  @AfterAll
  void close() {
    postgres.close();
    sqlite.close();
  }

  static final String USER_FILTERS_SOURCE = "userFilters";

  private static SqlFragment sql(
      Database database, QueryTable table, ResourceTypeDefinition type, String filter) {
    ListSql listSql = new ListSql(table, database.dialect());
    Filter resolved = FilterResolver.resolve(type, FilterParser.parse(filter));
    SqlFragment where = listSql.where(SCHOOL, listSql.pushdown(SCHOOL, resolved).condition());
    return listSql.page(where, listSql.order(null), false, 100);
  }

  private static List<String> explain(Handle handle, String prefix, SqlFragment sql) {
    var query = new SqlFragment(prefix + sql.sql(), sql.parameters()).query(handle);
    return query.map((rs, ctx) -> rs.getString(rs.getMetaData().getColumnCount())).list();
  }

  /** Filter | index PostgreSQL must use | index SQLite must use. */
  static final String[] USER_LOOKUPS = {
    "userName eq \"jane@school.example\"|staff_live_user_name|staff_live_user_name",
    "externalId eq \"701984\"|staff_by_external_id|staff_by_external_id",
    "id eq \"7a1c0d5e-0000-4000-8000-000000000001\"|staff_pkey|sqlite_autoindex_staff_1",
    "emails[type eq \"work\"].value eq \"jane@school.example\"|staff_emails_by_value|staff_emails_by_value",
    "emails.value eq \"jane@school.example\"|staff_emails_by_value|staff_emails_by_value",
    "meta.lastModified gt \"2026-01-01T00:00:00Z\"|staff_by_last_modified|staff_by_last_modified"
  };

  /** Filter | index PostgreSQL must use | index SQLite must use. */
  static final String[] GROUP_LOOKUPS = {
    "displayName eq \"group 7\"|staff_groups_display_name|staff_groups_display_name",
    "externalId eq \"gext-7\"|staff_groups_by_external_id|staff_groups_by_external_id",
    "members.value eq \"7a1c0d5e-0000-4000-8000-000000000001\"|group_members_by_member|group_members_by_member",
    "id eq \"7a1c0d5e-0000-4000-8000-000000000002\" and members.value eq \"7a1c0d5e-0000-4000-8000-000000000001\""
        + "|staff_groups_pkey|sqlite_autoindex_staff_groups_1",
    "meta.lastModified gt \"2026-01-01T00:00:00Z\"|staff_groups_by_last_modified|staff_groups_by_last_modified"
  };

  /** PostgreSQL's plan with sequential scans disabled: shows whether an index can serve at all. */
  private String postgresPlan(QueryTable table, ResourceTypeDefinition type, String filter) {
    List<String> lines =
        postgresDatabase
            .jdbi()
            .withHandle(
                handle -> {
                  handle.execute("SET enable_seqscan = off");
                  return explain(handle, "EXPLAIN ", sql(postgresDatabase, table, type, filter));
                });
    return String.join("\n", lines);
  }

  private String sqlitePlan(QueryTable table, ResourceTypeDefinition type, String filter) {
    List<String> lines =
        sqliteDatabase
            .jdbi()
            .withHandle(
                handle ->
                    explain(
                        handle, "EXPLAIN QUERY PLAN ", sql(sqliteDatabase, table, type, filter)));
    return String.join("\n", lines);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.FieldSource("GROUP_LOOKUPS")
  void groupLookupsUseTheirIndexOnBothEngines(String row) {
    String[] parts = row.split("\\|");
    String postgres = postgresPlan(QueryTable.GROUPS, ResourceTypes.GROUP, parts[0]);
    assertThat(postgres).as(postgres).contains(parts[1]).doesNotContain("Seq Scan");
    String sqlite = sqlitePlan(QueryTable.GROUPS, ResourceTypes.GROUP, parts[0]);
    assertThat(sqlite)
        .as(sqlite)
        .contains(parts[2])
        .doesNotContain("SCAN g")
        .doesNotContain("SCAN m");
  }

  /**
   * {@code userType} is decided by SQL on the school's rows, not by walking the school in memory:
   * the condition is in the statement and in PostgreSQL's plan.
   */
  @org.junit.jupiter.api.Test
  void userTypeIsPushedDownIntoTheStatementAndThePlan() {
    SqlFragment sql =
        sql(postgresDatabase, QueryTable.STAFF, ResourceTypes.USER, "userType eq \"Staff\"");
    assertThat(sql.sql()).contains("lower(s.user_type) = ?");
    assertThat(sql.parameters()).contains("staff");
    String postgres = postgresPlan(QueryTable.STAFF, ResourceTypes.USER, "userType eq \"Staff\"");
    assertThat(postgres).as(postgres).contains("user_type").doesNotContain("Seq Scan");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.FieldSource("USER_LOOKUPS")
  void userLookupsUseTheirIndexOnBothEngines(String row) {
    String[] parts = row.split("\\|");
    String postgres = postgresPlan(QueryTable.STAFF, ResourceTypes.USER, parts[0]);
    assertThat(postgres).as(postgres).contains(parts[1]).doesNotContain("Seq Scan");
    String sqlite = sqlitePlan(QueryTable.STAFF, ResourceTypes.USER, parts[0]);
    assertThat(sqlite)
        .as(sqlite)
        .contains(parts[2])
        .doesNotContain("SCAN s")
        .doesNotContain("SCAN e");
  }
}
