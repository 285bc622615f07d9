package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statement on the request path uses its intended index on a PostgreSQL database that has
 * never been analyzed: a school's first sync runs before any ANALYZE, and this machine's PostgreSQL
 * runs with autovacuum off. The database is migrated first and loaded afterwards, as in production
 * ({@link FirstSyncSchool}). The plans are PostgreSQL's own choice with the service's settings (no
 * {@code enable_seqscan = off}, no hints), from the SQL the stores run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstSyncPlansTest {
  private static final String SCHOOL = FirstSyncSchool.SCHOOL;
  private static final String OTHER_SCHOOL = FirstSyncSchool.OTHER_SCHOOL;
  private static final String BIG_GROUP = FirstSyncSchool.BIG_GROUP;
  private static final long LOG_END = FirstSyncSchool.LOG_END;

  private MigratedDatabase postgres;
  private Database database;
  private String memberId;

  @BeforeAll
  void load() {
    postgres = MigratedDatabase.create(Engine.POSTGRES);
    database = postgres.database();
    FirstSyncSchool.createSchools(database);
    FirstSyncSchool.load(database);
    memberId = FirstSyncSchool.memberId(database);
  }

  @AfterAll
  void close() {
    postgres.close();
  }

  @Test
  void theTablesHaveNeverBeenAnalyzed() {
    List<String> analyzed =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid ="
                                + " c.relnamespace WHERE n.nspname = current_schema() AND"
                                + " c.relkind = 'r' AND (c.reltuples >= 0 OR EXISTS (SELECT 1 FROM"
                                + " pg_stats s WHERE s.schemaname = n.nspname AND s.tablename ="
                                + " c.relname))")
                        .mapTo(String.class)
                        .list());
    assertThat(analyzed).isEmpty();
  }

  private String plan(String sql, Object... parameters) {
    return database
        .jdbi()
        .withHandle(
            handle -> {
              var query = handle.createQuery("EXPLAIN " + sql);
              for (int i = 0; i < parameters.length; i++) {
                query.bind(i, parameters[i]);
              }
              return String.join("\n", query.mapTo(String.class).list());
            });
  }

  private String plan(String sql, Map<String, Object> named, List<String> ids) {
    return database
        .jdbi()
        .withHandle(
            (Handle handle) -> {
              var query = handle.createQuery("EXPLAIN " + sql);
              named.forEach(query::bind);
              query.bindArray("ids", String.class, ids);
              return String.join("\n", query.mapTo(String.class).list());
            });
  }

  private String listing(QueryTable table, ResourceTypeDefinition type, ListRequest request) {
    // The statements ResourceQueries runs for an index page and for a cursor page.
    ListSql listSql = new ListSql(table, database.dialect());
    SqlFragment where =
        listSql.where(SCHOOL, listSql.pushdown(SCHOOL, request.filter()).condition());
    List<ListSql.OrderTerm> order = listSql.order(request.sort());
    SqlFragment page =
        switch (request.paging()) {
          case ListRequest.Paging.Index(var startIndex) ->
              listSql.page(where, order, false, request.count(), startIndex - 1);
          case ListRequest.Paging.Cursor(var position) ->
              listSql.page(
                  position == null ? where : where.and(listSql.after(order, position.key(), false)),
                  order,
                  false,
                  request.count() + 1);
        };
    return plan(page.sql(), page.parameters().toArray());
  }

  private static ListRequest filtered(ResourceTypeDefinition type, String filter) {
    return new ListRequest(
        FilterResolver.resolve(type, FilterParser.parse(filter)),
        null,
        100,
        new ListRequest.Paging.Index(1));
  }

  private String userLookup(String filter) {
    return listing(QueryTable.STAFF, ResourceTypes.USER, filtered(ResourceTypes.USER, filter));
  }

  private String groupLookup(String filter) {
    return listing(QueryTable.GROUPS, ResourceTypes.GROUP, filtered(ResourceTypes.GROUP, filter));
  }

  /**
   * The plan reads {@code table} through {@code index} with {@code column} in the index condition.
   */
  private static void assertLooksUp(String plan, String index, String column) {
    assertThat(plan)
        .as(plan)
        .doesNotContain("Seq Scan")
        .containsPattern("(Index|Index Only) Scan using " + index + " on ")
        .containsPattern("Index Cond: [^\\n]*(\\(" + column + "\\)|\\b" + column + " =)");
  }

  @Test
  void theProvisioningChartCountsReadOneSchoolsRangeOfTheLogsIndex() {
    String plan = plan(JdbcProvisioningLogStore.HOURLY, SCHOOL, LOG_END - 604_800_000L, LOG_END);

    assertThat(plan)
        .as(plan)
        .doesNotContain("Seq Scan")
        .contains("provisioning_log_newest")
        .containsPattern("Index Cond: [^\\n]*\\(account_id\\)::text = ");
  }

  @Test
  void failureCountsOfTheSchoolsListReadTheOutcomeIndex() {
    String plan =
        database
            .jdbi()
            .withHandle(
                handle ->
                    String.join(
                        "\n",
                        handle
                            .createQuery("EXPLAIN " + JdbcProvisioningLogStore.FAILURES_SINCE)
                            .bindList("ids", List.of(SCHOOL, OTHER_SCHOOL))
                            .bind("failed", true)
                            .bind("since", LOG_END - 86_400_000L)
                            .mapTo(String.class)
                            .list()));

    assertThat(plan).as(plan).doesNotContain("Seq Scan").contains("provisioning_log_by_outcome");
  }

  @Test
  void getUserByIdUsesThePrimaryKey() {
    assertLooksUp(plan(JdbcStaffStore.FIND, SCHOOL, memberId), "staff_pkey", "id");
  }

  @Test
  void userNameLookupUsesTheLiveUserNameIndex() {
    assertLooksUp(
        userLookup("userName eq \"Staff777@School.example\""),
        "staff_live_user_name",
        "CASE WHEN \\(retired_at IS NULL\\) THEN user_name_key ELSE NULL::character varying END");
  }

  @Test
  void externalIdLookupUsesTheExternalIdIndex() {
    assertLooksUp(userLookup("externalId eq \"ext-777\""), "staff_by_external_id", "external_id");
  }

  @Test
  void theLookupOfUserNameEqUsesTheLiveUserNameIndex() {
    assertLooksUp(
        plan(JdbcStaffStore.FIND_BY_USER_NAME, SCHOOL, "staff777@school.example"),
        "staff_live_user_name",
        "CASE WHEN \\(retired_at IS NULL\\) THEN user_name_key ELSE NULL::character varying END");
  }

  @Test
  void theLookupOfExternalIdEqUsesTheExternalIdIndex() {
    assertLooksUp(
        plan(JdbcStaffStore.FIND_BY_EXTERNAL_ID, SCHOOL, "ext-777", 101),
        "staff_by_external_id",
        "external_id");
  }

  @Test
  void idFilterUsesThePrimaryKey() {
    assertLooksUp(userLookup("id eq \"" + memberId + "\""), "staff_pkey", "id");
  }

  @Test
  void emailLookupUsesTheEmailIndexThenThePrimaryKey() {
    String plan = userLookup("emails.value eq \"staff777@school.example\"");
    assertLooksUp(plan, "staff_emails_by_value", "value_key");
    assertLooksUp(plan, "staff_pkey", "id");
  }

  /** An unfiltered page of staff in the default order, from its place in the ordered index. */
  private String staffPage(ListRequest.Paging paging) {
    String plan =
        listing(QueryTable.STAFF, ResourceTypes.USER, new ListRequest(null, null, 100, paging));
    assertThat(plan)
        .as(plan)
        .containsPattern("Index Scan using staff_live_by_created on staff s")
        .doesNotContain("Sort")
        .doesNotContain("Seq Scan");
    return plan;
  }

  @Test
  void firstPageWalksTheOrderedIndexWithoutSorting() {
    staffPage(new ListRequest.Paging.Index(1));
  }

  @Test
  void deepIndexPageWalksTheOrderedIndexWithoutSorting() {
    staffPage(new ListRequest.Paging.Index(90_001));
  }

  @Test
  void cursorPageStartsInTheOrderedIndexAtItsKey() {
    String plan =
        staffPage(
            new ListRequest.Paging.Cursor(new CursorPosition(List.of("91000", memberId), false)));
    assertThat(plan).as(plan).containsPattern("Index Cond: [^\\n]*ROW\\(created_at");
  }

  @Test
  void getGroupByIdUsesThePrimaryKey() {
    assertLooksUp(plan(GroupRows.FIND, SCHOOL, BIG_GROUP), "staff_groups_pkey", "id");
  }

  @Test
  void displayNameLookupUsesTheDisplayNameIndex() {
    assertLooksUp(
        groupLookup("displayName eq \"Group 7\""), "staff_groups_display_name", "display_name_key");
  }

  @Test
  void groupExternalIdLookupUsesTheExternalIdIndex() {
    assertLooksUp(
        groupLookup("externalId eq \"gext-7\""), "staff_groups_by_external_id", "external_id");
  }

  @Test
  void memberLookupStartsFromTheMembersIndex() {
    assertLooksUp(
        groupLookup("members.value eq \"" + memberId + "\""),
        "group_members_by_member",
        "member_id");
  }

  @Test
  void groupAndMemberLookupUsesBothKeys() {
    String plan =
        groupLookup("id eq \"" + BIG_GROUP + "\" and members.value eq \"" + memberId + "\"");
    assertLooksUp(plan, "staff_groups_pkey", "id");
    assertThat(plan).as(plan).containsPattern("group_members_(pkey|by_member)");
  }

  @Test
  void membershipCheckFindsEachMemberByThePrimaryKey() {
    // One request's member, a batch of concurrent requests' members, an identity provider's
    // PATCH of a hundred and of a thousand members: a join of the array to staff walked the whole
    // school and compared every row with every id from a few ids on (8 at 2,000 staff, 100 here).
    for (int count : new int[] {1, 2, 8, 100, 1_000}) {
      List<String> ids =
          Stream.concat(
                  Stream.of(memberId), IntStream.range(1, count).mapToObj(i -> "missing-" + i))
              .toList();
      String plan = plan(PostgresMembershipStatements.LIVE_MEMBERS, Map.of("account", SCHOOL), ids);
      assertLooksUp(plan, "staff_pkey", "id");
      assertThat(plan).as(count + " ids: " + plan).doesNotContain("Join Filter");
      // The same with the group's existence, as a membership batch asks it.
      String withGroup =
          plan(
              PostgresMembershipStatements.LIVE_MEMBERS_OF_GROUP,
              Map.of("account", SCHOOL, "group", BIG_GROUP),
              ids);
      assertLooksUp(withGroup, "staff_pkey", "id");
      assertLooksUp(withGroup, "staff_groups_pkey", "id");
      assertThat(withGroup).as(count + " ids: " + withGroup).doesNotContain("Join Filter");
    }
  }

  @Test
  void addingAMemberChecksTheForeignKeysByTheirPrimaryKeys() {
    String insert =
        plan(
            PostgresMembershipStatements.ADD_MEMBERS,
            Map.of("account", SCHOOL, "group", BIG_GROUP),
            List.of(memberId));
    assertThat(insert).as(insert).doesNotContain("Scan on group_members").doesNotContain("Seq");
    // The foreign-key checks PostgreSQL runs for the new row, as its RI triggers write them.
    assertLooksUp(
        plan(
            "SELECT 1 FROM ONLY staff x WHERE account_id = ? AND id = ? FOR KEY SHARE OF x",
            SCHOOL,
            memberId),
        "staff_pkey",
        "id");
    assertLooksUp(
        plan(
            "SELECT 1 FROM ONLY staff_groups x WHERE account_id = ? AND id = ? FOR KEY SHARE OF x",
            SCHOOL,
            BIG_GROUP),
        "staff_groups_pkey",
        "id");
  }

  @Test
  void removingAMemberFindsItsRowByTheMember() {
    // Either key finds the one row: the primary key directly, the member index among the member's
    // few groups; neither walks the 100,000 members of the group.
    String plan = plan(PostgresMembershipStatements.REMOVE_MEMBER, SCHOOL, BIG_GROUP, memberId);
    assertThat(plan)
        .as(plan)
        .doesNotContain("Seq Scan")
        .containsPattern("Index Scan using group_members_(pkey|by_member) on group_members")
        .containsPattern("Index Cond: [^\\n]*\\(member_id\\)");
  }

  @Test
  void aReplacementWalksTheGroupAPageAtATimeInThePrimaryKeysOrder() {
    String plan = plan(GroupMemberships.MEMBERS_AFTER, SCHOOL, BIG_GROUP, memberId, 500);
    assertThat(plan)
        .as(plan)
        .doesNotContain("Seq Scan")
        .doesNotContain("Sort")
        .containsPattern("(Index|Index Only) Scan using group_members_pkey on group_members")
        .containsPattern("Index Cond: [^\\n]*\\(member_id > ");
  }

  @Test
  void aRetiredMembersMembershipsAreFoundByTheMemberIndex() {
    assertLooksUp(
        plan(GroupMemberships.LEAVE_EVERY_GROUP, SCHOOL, memberId),
        "group_members_by_member",
        "member_id");
  }

  @Test
  void theGroupsRowLockAndVersionBumpUseThePrimaryKey() {
    assertLooksUp(plan(GroupRows.LOCK_GROUP, SCHOOL, BIG_GROUP), "staff_groups_pkey", "id");
    assertLooksUp(
        plan(GroupRows.BUMP_GROUP, true, 1, 1, 5L, SCHOOL, BIG_GROUP), "staff_groups_pkey", "id");
  }

  @Test
  void fullMemberReadWalksTheGroupsKeyAndFindsEachMemberByThePrimaryKey() {
    String plan = plan(JdbcGroupStore.MEMBERS, SCHOOL, BIG_GROUP);
    assertLooksUp(plan, "group_members_pkey", "group_id");
    assertLooksUp(plan, "staff_pkey", "id");
    assertThat(plan).as(plan).doesNotContain("Sort");
  }

  @Test
  void theCountOfAnUnfilteredListingReadsTheSchoolsCountRows() {
    String plan = plan(StaffCounts.TOTAL, SCHOOL);
    assertThat(plan)
        .as(plan)
        .doesNotContain("Seq Scan")
        .containsPattern("Index Scan (using|on) staff_counts_pkey");
  }

  @Test
  void tokenLookupUsesTheHashIndex() {
    assertLooksUp(
        plan(JdbcTokenStore.FIND_BY_HASH, "0".repeat(64)), "tokens_by_hash", "token_hash");
  }
}
