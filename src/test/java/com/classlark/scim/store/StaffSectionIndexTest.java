package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.SectionQuery;
import com.classlark.scim.testing.Engine;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Staff section's pages run on their indexes on a database that was never analysed, as a
 * school's first day is: EXPLAIN (never ANALYZE) of the statements the store runs, on both engines.
 * The first page and a page deep into the school read the order index from where they start, and
 * the search reads a prefix index per name column, with no scan of the school.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffSectionIndexTest {
  private static final String SCHOOL = UUID.randomUUID().toString();
  private static final int ROWS = 20_000;

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
  }

  @AfterAll
  void close() {
    postgres.close();
    sqlite.close();
  }

  /** One school of staff, and no ANALYZE afterwards. */
  private static void seed(Database database) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Section School', 0)",
                  SCHOOL);
              var staff =
                  handle.prepareBatch(
                      "INSERT INTO staff (account_id, id, user_name, user_name_key, given_name,"
                          + " given_name_key, family_name, family_name_key, active, scim_managed,"
                          + " created_at, last_modified, version, document)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 1, '{}')");
              for (int i = 0; i < ROWS; i++) {
                String email = "staff" + i + "@school.example";
                staff
                    .bind(0, SCHOOL)
                    .bind(1, UUID.randomUUID().toString())
                    .bind(2, email)
                    .bind(3, email)
                    .bind(4, "Given" + i)
                    .bind(5, "given" + i)
                    .bind(6, "Family" + (i % 3000))
                    .bind(7, "family" + (i % 3000))
                    .bind(8, i % 7 != 0)
                    .bind(9, i % 2 == 0)
                    .add();
              }
              staff.execute();
            });
  }

  private static final SectionQuery FIRST_PAGE = new SectionQuery(null, null, null, null, 50);
  private static final SectionQuery DEEP_PAGE =
      new SectionQuery(null, true, false, List.of("family250", "given1250", "ffffffff-0000"), 50);
  private static final SectionQuery SEARCH = new SectionQuery("smi", null, null, null, 50);

  private static String plan(Database database, String explain, SectionQuery query) {
    SqlFragment sql = new JdbcStaffSection(database).staffPageSql(SCHOOL, query);
    boolean ordered = query.prefix() == null && database.dialect() == Dialect.POSTGRESQL;
    List<String> lines =
        database
            .jdbi()
            .inTransaction(
                handle -> {
                  if (ordered) {
                    JdbcStaffSection.ORDERED_READ.forEach(handle::execute);
                  }
                  var statement = handle.createQuery(explain + sql.sql());
                  for (int i = 0; i < sql.parameters().size(); i++) {
                    statement.bind(i, sql.parameters().get(i));
                  }
                  return statement
                      .map((rs, ctx) -> rs.getString(rs.getMetaData().getColumnCount()))
                      .list();
                });
    return String.join("\n", lines);
  }

  private String postgresPlan(SectionQuery query) {
    return plan(postgresDatabase, "EXPLAIN ", query);
  }

  private String sqlitePlan(SectionQuery query) {
    return plan(sqliteDatabase, "EXPLAIN QUERY PLAN ", query);
  }

  @Test
  void neverAnalysed() {
    long analysed =
        postgresDatabase
            .jdbi()
            .withHandle(
                (Handle handle) ->
                    handle
                        .createQuery(
                            "SELECT COUNT(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()"
                                + " AND relname = 'staff'"
                                + " AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)")
                        .mapTo(Long.class)
                        .one());
    assertThat(analysed).isZero();
  }

  @Test
  void theFirstPageReadsTheOrderIndexWithoutSorting() {
    String postgresPlan = postgresPlan(FIRST_PAGE);
    assertThat(postgresPlan)
        .as(postgresPlan)
        .contains("Index Scan using staff_section_order")
        .doesNotContain("Seq Scan")
        .doesNotContain("Sort");
    String sqlitePlan = sqlitePlan(FIRST_PAGE);
    assertThat(sqlitePlan)
        .as(sqlitePlan)
        .contains("SEARCH s USING INDEX staff_section_order (account_id=? AND family_name_key>?)")
        .doesNotContain("TEMP B-TREE");
  }

  @Test
  void aDeepPageStartsInTheOrderIndexWhereThePreviousPageEnded() {
    String postgresPlan = postgresPlan(DEEP_PAGE);
    assertThat(postgresPlan)
        .as(postgresPlan)
        .contains("Index Scan using staff_section_order")
        .contains("ROW((family_name_key)::text, (given_name_key)::text, (id)::text) > ROW(")
        .doesNotContain("Seq Scan")
        .doesNotContain("Sort");
    String sqlitePlan = sqlitePlan(DEEP_PAGE);
    assertThat(sqlitePlan)
        .as(sqlitePlan)
        .contains(
            "SEARCH s USING INDEX staff_section_order (account_id=? AND"
                + " (family_name_key,given_name_key,id)>(?,?,?))")
        .doesNotContain("TEMP B-TREE");
  }

  @Test
  void searchReadsAPrefixIndexForEachNameColumn() {
    String postgresPlan = postgresPlan(SEARCH);
    assertThat(postgresPlan)
        .as(postgresPlan)
        .contains("Index Scan using staff_by_user_name_prefix")
        .contains("Index Scan using staff_by_given_name_prefix")
        .contains("Index Scan using staff_by_family_name_prefix")
        .doesNotContain("Filter: ((user_name_key")
        .doesNotContain("Seq Scan");
    String sqlitePlan = sqlitePlan(SEARCH);
    assertThat(sqlitePlan)
        .as(sqlitePlan)
        .contains(
            "SEARCH staff USING INDEX staff_by_user_name_prefix (account_id=? AND user_name_key>?"
                + " AND user_name_key<?)")
        .contains(
            "SEARCH staff USING INDEX staff_by_given_name_prefix (account_id=? AND"
                + " given_name_key>? AND given_name_key<?)")
        .contains(
            "SEARCH staff USING INDEX staff_section_order (account_id=? AND family_name_key>? AND"
                + " family_name_key<?)")
        .doesNotContain("SCAN staff");
  }
}
