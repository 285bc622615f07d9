package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A failed statement's exception names the statement and the database's complaint, never a bound
 * value: not in its message, not in a cause's, not anywhere in its printed stack trace.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class StatementErrorsTest {
  private static final String SECRET = "s3cret-bound-value-7f3a";

  static TestDatabase testDatabase;
  static Database database;

  @Parameter Engine engine;

  @BeforeParameterizedClassInvocation
  static void openDatabase(Engine engine) {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    database
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createUpdate("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)")
                    .bind(0, "school")
                    .bind(1, "School")
                    .bind(2, 0L)
                    .execute());
  }

  @AfterParameterizedClassInvocation
  static void closeDatabase() {
    database.close();
    testDatabase.close();
  }

  private static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void aUniqueViolationCarriesTheStatementButNoBoundValue() {
    JdbcTokenStore tokens = new JdbcTokenStore(database);
    ApiToken token =
        new ApiToken(SECRET, "school", "clsk_abc", SECRET, Instant.EPOCH, null, null, null);
    tokens.insert(token, SECRET + "-hash");

    assertThatThrownBy(() -> tokens.insert(token, SECRET + "-hash"))
        .satisfies(
            error -> {
              assertThat(error.getMessage()).contains("[statement: INSERT INTO tokens");
              assertThat(printed(error)).doesNotContain(SECRET);
            });
  }

  @Test
  void aFailedBatchCarriesNoBoundValue() {
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useTransaction(
                        handle -> {
                          PreparedBatch batch =
                              handle.prepareBatch(
                                  "INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)");
                          batch.bind(0, SECRET).bind(1, SECRET).bind(2, 1L).add();
                          batch.bind(0, SECRET).bind(1, SECRET).bind(2, 2L).add();
                          batch.execute();
                        }))
        .satisfies(error -> assertThat(printed(error)).doesNotContain(SECRET));
  }

  @Test
  void aStatementOnAMissingTableCarriesNoBoundValue() {
    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useHandle(
                        handle ->
                            handle
                                .createUpdate("INSERT INTO no_such_table (secret) VALUES (?)")
                                .bind(0, SECRET)
                                .execute()))
        .satisfies(
            error -> {
              assertThat(error.getMessage())
                  .contains("[statement: INSERT INTO no_such_table (secret) VALUES (?)]");
              assertThat(printed(error)).doesNotContain(SECRET);
            });
  }
}
