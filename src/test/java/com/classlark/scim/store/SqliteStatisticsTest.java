package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * SQLite's statistics reach every connection of the pool once {@link Database#optimize()} has
 * gathered them, not only the one that ran it: each connection loads them when it opens.
 */
class SqliteStatisticsTest {
  private static final String SCHOOL = UUID.randomUUID().toString();

  /**
   * Without statistics SQLite takes an equality on an index's first column for ten rows, so the
   * school's primary key wins; with them, the school is all 3,000 rows and a range past every row's
   * last_modified is almost none.
   */
  private static final String QUERY =
      "EXPLAIN QUERY PLAN SELECT id FROM staff WHERE account_id = ? AND last_modified > ?";

  @Test
  void everyConnectionOfThePoolPlansWithTheStatisticsThatOptimizeGathered() {
    try (MigratedDatabase migrated = MigratedDatabase.create(Engine.SQLITE)) {
      Database database = migrated.database();
      assertThat(plansOfEveryConnection(database))
          .as("before any statistics")
          .allSatisfy(plan -> assertThat(plan).contains("sqlite_autoindex_staff_1"));

      seed(database, 3000);
      database.optimize();

      assertThat(plansOfEveryConnection(database))
          .allSatisfy(plan -> assertThat(plan).contains("staff_by_last_modified"));
    }
  }

  /**
   * ANALYZE's samples of index values (sqlite_stat4) would make SQLite parse and plan a kept
   * statement again at each execution with new values (see {@link Database#optimize()}): optimize
   * keeps the row counts and leaves the samples' table empty.
   */
  @Test
  void optimizeKeepsTheRowCountsAndDropsTheSamplesOfIndexValues() {
    try (MigratedDatabase migrated = MigratedDatabase.create(Engine.SQLITE)) {
      Database database = migrated.database();
      seed(database, 3000);
      database.optimize();

      try (Handle handle = database.jdbi().open()) {
        assertThat(
                handle
                    .createQuery("SELECT stat FROM sqlite_stat1 WHERE idx = 'staff_by_external_id'")
                    .mapTo(String.class)
                    .list())
            .as("every row has the same externalId (none), and its own creation time")
            .containsExactly("3000 3000 3000 1 1");
        assertThat(
                handle
                    .createQuery(
                        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                            + " AND name = 'sqlite_stat4'")
                    .mapTo(Integer.class)
                    .one())
            .as("ANALYZE made the samples' table")
            .isEqualTo(1);
        assertThat(
                handle.createQuery("SELECT count(*) FROM sqlite_stat4").mapTo(Integer.class).one())
            .isZero();
      }
    }
  }

  /** The plan each of the pool's connections makes, all of them borrowed at once. */
  private static List<String> plansOfEveryConnection(Database database) {
    List<Handle> handles = new ArrayList<>();
    try {
      List<String> plans = new ArrayList<>();
      for (int i = 0; i < Database.maximumPoolSize(Dialect.SQLITE); i++) {
        Handle handle = database.jdbi().open();
        handles.add(handle);
        plans.add(
            String.join(
                "\n",
                handle
                    .createQuery(QUERY)
                    .bind(0, SCHOOL)
                    .bind(1, Long.MAX_VALUE - 1)
                    .map((rs, ctx) -> rs.getString(rs.getMetaData().getColumnCount()))
                    .list()));
      }
      return plans;
    } finally {
      handles.forEach(Handle::close);
    }
  }

  private static void seed(Database database, int rows) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              handle.execute(
                  "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Statistics School', 0)",
                  SCHOOL);
              var staff =
                  handle.prepareBatch(
                      "INSERT INTO staff (account_id, id, user_name, user_name_key, active,"
                          + " scim_managed, created_at, last_modified, version, document)"
                          + " VALUES (?, ?, ?, ?, true, true, ?, ?, 1, '{}')");
              for (int i = 0; i < rows; i++) {
                String userName = "staff" + i + "@school.example";
                staff
                    .bind(0, SCHOOL)
                    .bind(1, UUID.randomUUID().toString())
                    .bind(2, userName)
                    .bind(3, userName)
                    .bind(4, (long) i)
                    .bind(5, (long) i)
                    .add();
              }
              staff.execute();
            });
  }
}
