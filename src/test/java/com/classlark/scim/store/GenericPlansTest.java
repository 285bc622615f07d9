package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The statements that keep a cached plan ({@link CachedPlan}, and the foreign-key checks PostgreSQL
 * runs for every membership and email row) are safe to keep it: their generic plan made while the
 * tables are still empty is the primary key (or the token's unique hash), and so is their plan once
 * the tables hold a first sync of 100,000 staff and a 100,000-member group, never analyzed. One
 * session prepares every statement on the freshly migrated, empty schema and makes its generic
 * plan; the school is then loaded from another connection; {@code EXPLAIN EXECUTE} reads the
 * session's plans back. PostgreSQL replans a cached statement when one of its tables gets a
 * relcache invalidation (a b-tree's root page splitting as the table fills sends one), so a plan
 * made on an empty table may or may not survive the load: both must be right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenericPlansTest {
  private static final String SCHOOL = FirstSyncSchool.SCHOOL;
  private static final String BIG_GROUP = FirstSyncSchool.BIG_GROUP;
  private static final String MEMBER = ":member";

  /**
   * A statement prepared as {@code name}, the index its plan must use and a column of its key;
   * {@code types} are its parameters' types where PostgreSQL cannot infer them (an array given to
   * {@code unnest}), else empty.
   */
  private record Lookup(
      String name, String sql, String index, String column, List<String> values, String types) {
    Lookup(String name, String sql, String index, String column, List<String> values) {
      this(name, sql, index, column, values, "");
    }
  }

  private static final List<Lookup> LOOKUPS =
      List.of(
          new Lookup(
              "staff_by_id", JdbcStaffStore.FIND, "staff_pkey", "id", List.of(SCHOOL, MEMBER)),
          // The identity providers' userName lookup: the unique index's expression is its key.
          new Lookup(
              "staff_by_user_name",
              JdbcStaffStore.FIND_BY_USER_NAME,
              "staff_live_user_name",
              "END",
              List.of(SCHOOL, "nobody@school.example")),
          // The identity providers' externalId lookup: the index led by the value.
          new Lookup(
              "staff_by_external_id",
              JdbcStaffStore.FIND_BY_EXTERNAL_ID,
              "staff_by_external_id",
              "external_id",
              List.of(SCHOOL, "nobody-external", "101")),
          // A create's look for a record made by hand to adopt: the same index.
          new Lookup(
              "staff_adoptable",
              JdbcStaffStore.FIND_ADOPTABLE,
              "staff_by_external_id",
              "external_id",
              List.of(SCHOOL, "nobody-external", "false")),
          // The writes of an edit and a retirement, by the primary key (inserts have no plan).
          new Lookup(
              "staff_edit",
              JdbcStaffStore.edit("given_name = :givenName, ", true),
              "staff_pkey",
              "id",
              List.of("x", "true", "5", "2", "{}", SCHOOL, MEMBER, "1", "false")),
          // The same edit with its event, as one statement (the edits of SCIM on PostgreSQL).
          new Lookup(
              "staff_edit_with_event",
              Outbox.withEvent(JdbcStaffStore.edit("given_name = :givenName, ", false)),
              "staff_pkey",
              "id",
              List.of(
                  "x",
                  "true",
                  "5",
                  "2",
                  "{}",
                  SCHOOL,
                  MEMBER,
                  "1",
                  SCHOOL,
                  "e",
                  "5",
                  "staff.updated",
                  MEMBER,
                  "scim",
                  "{}")),
          new Lookup(
              "staff_retire",
              JdbcStaffStore.RETIRE,
              "staff_pkey",
              "id",
              List.of("5", "false", "5", "2", "{}", SCHOOL, MEMBER, "1")),
          new Lookup(
              "staff_emails_delete",
              JdbcStaffStore.DELETE_EMAILS,
              "staff_emails_pkey",
              "staff_id",
              List.of(SCHOOL, MEMBER)),
          new Lookup(
              "group_by_id", GroupRows.FIND, "staff_groups_pkey", "id", List.of(SCHOOL, BIG_GROUP)),
          new Lookup(
              "group_lock",
              GroupRows.LOCK_GROUP,
              "staff_groups_pkey",
              "id",
              List.of(SCHOOL, BIG_GROUP)),
          new Lookup(
              "group_bump",
              GroupRows.BUMP_GROUP,
              "staff_groups_pkey",
              "id",
              List.of("true", "1", "1", "5", SCHOOL, BIG_GROUP)),
          // A membership change's check of its members and of the group.
          new Lookup(
              "live_members_of_group",
              PostgresMembershipStatements.LIVE_MEMBERS_OF_GROUP,
              "staff_pkey",
              "account_id",
              List.of("{" + MEMBER + "}", SCHOOL, SCHOOL, BIG_GROUP),
              "varchar[], varchar, varchar, varchar"),
          new Lookup(
              "token_by_hash",
              JdbcTokenStore.FIND_BY_HASH,
              "tokens_by_hash",
              "token_hash",
              List.of("0".repeat(64))),
          // The foreign-key checks of a new membership row, as PostgreSQL's RI triggers write them.
          new Lookup(
              "staff_foreign_key",
              "SELECT 1 FROM ONLY staff x WHERE account_id = ? AND id = ? FOR KEY SHARE OF x",
              "staff_pkey",
              "id",
              List.of(SCHOOL, MEMBER)),
          new Lookup(
              "group_foreign_key",
              "SELECT 1 FROM ONLY staff_groups x WHERE account_id = ? AND id = ? FOR KEY SHARE OF x",
              "staff_groups_pkey",
              "id",
              List.of(SCHOOL, BIG_GROUP)));

  private MigratedDatabase postgres;
  private Handle session;
  private String memberId;
  private String driverStatement;
  private final Map<String, String> emptyTablePlans = new HashMap<>();

  @BeforeAll
  void prepareOnEmptyTablesThenLoad() {
    postgres = MigratedDatabase.create(Engine.POSTGRES);
    Database database = postgres.database();
    FirstSyncSchool.createSchools(database);
    session = database.jdbi().open();
    // What the service's own connections do: the marked lookup runs as a statement prepared on the
    // server, and after five custom plans PostgreSQL (plan_cache_mode = auto) switches it to a
    // generic one, here made while staff is empty.
    for (int i = 0; i < 8; i++) {
      session
          .createQuery(JdbcStaffStore.FIND)
          .addCustomizer(CachedPlan.INSTANCE)
          .bind(0, SCHOOL)
          .bind(1, "not-there-" + i)
          .mapToMap()
          .list();
    }
    driverStatement =
        session
            .createQuery(
                "SELECT name FROM pg_prepared_statements WHERE generic_plans > 0"
                    + " AND statement = :sql")
            .bind("sql", numbered(JdbcStaffStore.FIND))
            .mapTo(String.class)
            .findOne()
            .orElse(null);
    session.execute("SET plan_cache_mode = force_generic_plan");
    if (driverStatement != null) {
      emptyTablePlans.put("driver", explainDriverStatement("x"));
    }
    for (Lookup lookup : LOOKUPS) {
      session.execute(
          "PREPARE "
              + lookup.name()
              + (lookup.types().isEmpty() ? "" : " (" + lookup.types() + ")")
              + " AS "
              + numbered(lookup.sql()));
      emptyTablePlans.put(lookup.name(), explainExecute(lookup, "x"));
    }
    FirstSyncSchool.load(database);
    memberId = FirstSyncSchool.memberId(database);
  }

  @AfterAll
  void close() {
    session.close();
    postgres.close();
  }

  /**
   * The SQL with PostgreSQL's numbered parameters, as the driver sends it: {@code ?} and Jdbi's
   * {@code :name} (not a cast's {@code ::}), numbered in order of appearance.
   */
  private static String numbered(String sql) {
    StringBuilder numbered = new StringBuilder();
    int parameter = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '?') {
        numbered.append('$').append(++parameter);
      } else if (sql.startsWith("::", i)) {
        numbered.append("::"); // a cast, not a parameter
        i++;
      } else if (c == ':' && i + 1 < sql.length() && Character.isLetter(sql.charAt(i + 1))) {
        numbered.append('$').append(++parameter);
        while (i + 1 < sql.length() && Character.isLetterOrDigit(sql.charAt(i + 1))) {
          i++;
        }
      } else {
        numbered.append(c);
      }
    }
    return numbered.toString();
  }

  private String explainExecute(Lookup lookup, String member) {
    String values =
        lookup.values().stream()
            .map(value -> value.replace(MEMBER, member))
            .map(value -> value.matches("[0-9]+|true") ? value : "'" + value + "'")
            .collect(Collectors.joining(", "));
    return explain("EXPLAIN EXECUTE " + lookup.name() + "(" + values + ")");
  }

  /** The driver names its statements in upper case (S_1), so the name is quoted. */
  private String explainDriverStatement(String member) {
    return explain(
        "EXPLAIN EXECUTE \"" + driverStatement + "\"('" + SCHOOL + "', '" + member + "')");
  }

  private String explain(String sql) {
    return session.createQuery(sql).mapTo(String.class).stream().collect(Collectors.joining("\n"));
  }

  /**
   * A generic plan (parameters, not values, in its condition) on the index, its key column in it.
   */
  private static void assertGenericLookup(String plan, String index, String column) {
    assertThat(plan)
        .as(plan)
        .doesNotContain("Seq Scan")
        .containsPattern("Index (Only )?Scan using " + index + " on ")
        .containsPattern("Index Cond: [^\\n]*\\b" + column + "\\)?(::text)? = \\(?\\$[0-9]");
  }

  @Test
  void theGenericPlansMadeOnEmptyTablesUseTheirKeys() {
    assertThat(emptyTablePlans).containsKey("driver").hasSize(LOOKUPS.size() + 1);
    assertGenericLookup(emptyTablePlans.get("driver"), "staff_pkey", "id");
    for (Lookup lookup : LOOKUPS) {
      assertGenericLookup(emptyTablePlans.get(lookup.name()), lookup.index(), lookup.column());
    }
  }

  @Test
  void afterTheFirstSyncTheGenericPlansStillUseTheirKeys() {
    assertGenericLookup(explainDriverStatement(memberId), "staff_pkey", "id");
    for (Lookup lookup : LOOKUPS) {
      assertGenericLookup(explainExecute(lookup, memberId), lookup.index(), lookup.column());
    }
  }

  @Test
  void statementsNotMarkedAreNotPreparedOnTheServer() {
    // More often than the driver's default threshold (5) for preparing a statement on the server.
    for (int i = 0; i < 6; i++) {
      session
          .createQuery("SELECT id FROM staff WHERE account_id = ? AND external_id = ?")
          .bind(0, SCHOOL)
          .bind(1, "ext-" + i)
          .mapToMap()
          .list();
    }
    List<String> prepared =
        session
            .createQuery("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
            .mapTo(String.class)
            .list();
    assertThat(prepared).containsExactly(numbered(JdbcStaffStore.FIND));
  }
}
