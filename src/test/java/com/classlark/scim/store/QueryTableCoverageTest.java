package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every typed column is pushed down: DESIGN.md keeps a column for each attribute that filters or
 * sorts, and a column the allow-list does not name is a filter walked in memory over the whole
 * school. Checked against the migrated schema itself, so a column added without its pushdown fails
 * here.
 */
class QueryTableCoverageTest {
  /** Columns that hold no attribute to filter on: tenant, bookkeeping and the document. */
  private static final Set<String> NOT_ATTRIBUTES =
      Set.of(
          "account_id",
          "document",
          "version",
          "scim_managed",
          "retired_at",
          "staff_id",
          "group_id",
          "position");

  @Test
  void everyAttributeDesignListsAsTypedIsInTheAllowList() {
    assertThat(QueryTable.STAFF.columns().keySet())
        .containsExactlyInAnyOrder(
            "id",
            "userName",
            "externalId",
            "name.givenName",
            "name.familyName",
            "displayName",
            "userType",
            "active",
            "meta.created",
            "meta.lastModified");
    assertThat(QueryTable.STAFF.children().keySet()).containsExactly("emails");
    assertThat(QueryTable.GROUPS.columns().keySet())
        .containsExactlyInAnyOrder(
            "id", "externalId", "displayName", "meta.created", "meta.lastModified");
    assertThat(QueryTable.GROUPS.children().keySet()).containsExactly("members");
  }

  @Test
  void everyColumnOfEveryResourceTableIsPushedDown() throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.SQLITE);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      List<String> missing = new ArrayList<>();
      database
          .jdbi()
          .useHandle(
              handle -> {
                DatabaseMetaData metaData = handle.getConnection().getMetaData();
                check(metaData, "staff", QueryTable.STAFF.columns().values().stream(), missing);
                check(
                    metaData,
                    "staff_emails",
                    QueryTable.STAFF.children().get("emails").columns().values().stream(),
                    missing);
                check(
                    metaData,
                    "staff_groups",
                    QueryTable.GROUPS.columns().values().stream(),
                    missing);
                check(
                    metaData,
                    "group_members",
                    QueryTable.GROUPS.children().get("members").columns().values().stream(),
                    missing);
              });
      assertThat(missing).as("typed columns no filter reaches").isEmpty();
    }
  }

  /**
   * Adds each column of {@code table} that no allow-listed column names, itself or through its
   * case-folded {@code _key} twin.
   */
  private static void check(
      DatabaseMetaData metaData,
      String table,
      Stream<QueryTable.Column> listed,
      List<String> missing)
      throws java.sql.SQLException {
    List<String> sql = listed.map(column -> column.sql().toLowerCase(Locale.ROOT)).toList();
    try (ResultSet columns = metaData.getColumns(null, null, table, null)) {
      while (columns.next()) {
        String name = columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
        if (NOT_ATTRIBUTES.contains(name) || name.endsWith("_key")) {
          continue;
        }
        boolean named =
            sql.stream()
                .anyMatch(
                    expression ->
                        expression.matches(".*\\." + name + "(_key)?\\b.*")
                            || expression.equals(name));
        if (!named) {
          missing.add(table + "." + name);
        }
      }
    }
  }
}
