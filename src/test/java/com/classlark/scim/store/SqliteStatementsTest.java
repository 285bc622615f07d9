package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.testing.Engine;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQLite's statements are compiled once per connection and kept, never holding a snapshot. */
class SqliteStatementsTest {
  /** Named parameters: Jdbi compiles the statement from its own text, with positional ones. */
  private static final String INSERT =
      "INSERT INTO accounts (id, name, created_at) VALUES (:id, :name, :created)";

  private static final String BY_ID = "SELECT name FROM accounts WHERE id = ?";

  private MigratedDatabase migrated;
  private Database database;
  private final Set<PreparedStatement> used = Collections.newSetFromMap(new IdentityHashMap<>());

  @BeforeEach
  void open() {
    migrated = MigratedDatabase.create(Engine.SQLITE);
    database = migrated.database();
  }

  @AfterEach
  void close() {
    migrated.close();
  }

  @Test
  void aStatementIsCompiledOncePerConnectionAndKept() {
    List<String> names =
        database
            .jdbi()
            .withHandle(
                handle -> {
                  for (int i = 0; i < 5; i++) {
                    int row = i;
                    handle.useTransaction(
                        transaction ->
                            recorded(transaction.createUpdate(INSERT))
                                .bind("id", "id-" + row)
                                .bind("name", "school " + row)
                                .bind("created", 1L)
                                .execute());
                  }
                  List<String> found = new ArrayList<>();
                  for (int i = 0; i < 5; i++) {
                    found.add(
                        recorded(handle.createQuery(BY_ID))
                            .bind(0, "id-" + i)
                            .mapTo(String.class)
                            .one());
                  }
                  return found;
                });

    assertThat(names).containsExactly("school 0", "school 1", "school 2", "school 3", "school 4");
    // One connection: the insert's statement and the query's, each compiled once and used 5 times.
    assertThat(used).hasSize(2);
  }

  @Test
  void theSameStatementUsedTwiceAtOnceGetsTwoStatements() {
    insert("a", "school a");
    insert("b", "school b");
    List<String> pairs =
        database
            .jdbi()
            .withHandle(
                handle -> {
                  List<String> found = new ArrayList<>();
                  try (Stream<String> outer =
                      recorded(handle.createQuery("SELECT id FROM accounts ORDER BY id"))
                          .mapTo(String.class)
                          .stream()) {
                    outer.forEach(
                        id ->
                            found.add(
                                id
                                    + "="
                                    + recorded(handle.createQuery(BY_ID))
                                        .bind(0, id)
                                        .mapTo(String.class)
                                        .one()
                                    + ","
                                    + recorded(handle.createQuery(BY_ID))
                                        .bind(0, id.equals("a") ? "b" : "a")
                                        .mapTo(String.class)
                                        .one()));
                  }
                  return found;
                });
    assertThat(pairs).containsExactly("a=school a,school b", "b=school b,school a");
  }

  @Test
  void aFailedStatementIsKeptUsable() {
    insert("a", "school a");
    assertThatThrownBy(() -> insert("a", "school a again"))
        .hasMessageContaining("UNIQUE constraint failed");
    insert("b", "school b");
    assertThat(name("b")).isEqualTo("school b");
    assertThat(name("a")).isEqualTo("school a");
  }

  @Test
  void aQueryLeftHalfReadHoldsNoSnapshot() {
    for (int i = 0; i < 3; i++) {
      insert("id-" + i, "school " + i);
    }
    database
        .jdbi()
        .useHandle(
            handle -> {
              try (Stream<String> names =
                  handle.createQuery("SELECT name FROM accounts").mapTo(String.class).stream()) {
                assertThat(names.findFirst()).isPresent();
              }
            });
    insert("id-3", "school 3");

    // A statement kept with an open read would keep the log from being copied back in full.
    int[] checkpoint =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("PRAGMA wal_checkpoint(TRUNCATE)")
                        .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)})
                        .one());
    assertThat(checkpoint).containsExactly(0, 0, 0);
  }

  @Test
  void eachConnectionKeepsABoundedNumberOfStatements() {
    SqliteStatements statements = new SqliteStatements();
    database.jdbi().setStatementBuilderFactory(statements);
    database
        .jdbi()
        .useHandle(
            handle -> {
              for (int i = 0; i < SqliteStatements.PER_CONNECTION + 50; i++) {
                handle.createQuery("SELECT " + i).mapTo(Integer.class).one();
              }
            });
    assertThat(statements.size()).isEqualTo(SqliteStatements.PER_CONNECTION);
    // The most recently used are those kept.
    database
        .jdbi()
        .useHandle(
            handle -> {
              int last = SqliteStatements.PER_CONNECTION + 49;
              assertThat(handle.createQuery("SELECT " + last).mapTo(Integer.class).one())
                  .isEqualTo(last);
            });
    assertThat(statements.size()).isEqualTo(SqliteStatements.PER_CONNECTION);
  }

  private void insert(String id, String name) {
    Transactions.useTransaction(
        database.jdbi(),
        handle ->
            recorded(handle.createUpdate(INSERT))
                .bind("id", id)
                .bind("name", name)
                .bind("created", 1L)
                .execute());
  }

  private String name(String id) {
    return database
        .jdbi()
        .withHandle(handle -> handle.createQuery(BY_ID).bind(0, id).mapTo(String.class).one());
  }

  private <S extends SqlStatement<S>> S recorded(S statement) {
    return statement.addCustomizer(
        new StatementCustomizer() {
          @Override
          public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
            used.add(stmt);
          }
        });
  }
}
