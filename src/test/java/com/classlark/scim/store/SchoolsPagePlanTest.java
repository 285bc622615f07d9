package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schools list's pages (console and support) read accounts_by_name from where they start, with
 * no sort of every school, on a database that was never analysed: EXPLAIN (never ANALYZE) of the
 * statements the store runs, on both engines.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchoolsPagePlanTest {
  private static final int SCHOOLS = 5_000;
  private static final String CURSOR = String.format("%036d", 2_500);

  private MigratedDatabase postgres;
  private MigratedDatabase sqlite;

  @BeforeAll
  void open() {
    postgres = MigratedDatabase.create(Engine.POSTGRES);
    sqlite = MigratedDatabase.create(Engine.SQLITE);
    seed(postgres.database());
    seed(sqlite.database());
  }

  @AfterAll
  void close() {
    postgres.close();
    sqlite.close();
  }

  /** Many schools, and no ANALYZE afterwards. */
  private static void seed(Database database) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              var accounts =
                  handle.prepareBatch(
                      "INSERT INTO accounts (id, name, created_at) VALUES (?, ?, 0)");
              for (int i = 0; i < SCHOOLS; i++) {
                accounts.bind(0, String.format("%036d", i)).bind(1, "School " + i).add();
              }
              accounts.execute();
            });
  }

  private String plan(Engine engine, boolean after) {
    Database database = (engine == Engine.POSTGRES ? postgres : sqlite).database();
    String explain = engine == Engine.POSTGRES ? "EXPLAIN " : "EXPLAIN QUERY PLAN ";
    List<Object> values = after ? List.of(CURSOR, CURSOR, CURSOR, 51) : List.of(51);
    List<String> lines =
        database
            .jdbi()
            .withHandle(
                handle -> {
                  var statement =
                      handle.createQuery(explain + JdbcAccountStore.pageByNameSql(false, after));
                  for (int i = 0; i < values.size(); i++) {
                    statement.bind(i, values.get(i));
                  }
                  return statement
                      .map((rs, ctx) -> rs.getString(rs.getMetaData().getColumnCount()))
                      .list();
                });
    return String.join("\n", lines);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theFirstPageReadsTheNameIndexWithoutASort(Engine engine) {
    String plan = plan(engine, false);

    assertThat(plan)
        .contains("accounts_by_name")
        .doesNotContainIgnoringCase("sort")
        .doesNotContain("B-TREE FOR ORDER BY");
  }

  /**
   * SQLite seeks the name index to the cursor. PostgreSQL, with no statistics, estimates that few
   * accounts follow the cursor and may filter the table and sort them instead; either is a
   * millisecond at thousands of schools, so only SQLite's plan is held here.
   */
  @org.junit.jupiter.api.Test
  void aPageAfterACursorStartsInTheNameIndexWhereThePreviousEnded() {
    String plan = plan(Engine.SQLITE, true);

    assertThat(plan)
        .startsWith("SEARCH accounts USING INDEX accounts_by_name (<expr>>?)")
        .doesNotContain("B-TREE FOR ORDER BY");
  }
}
