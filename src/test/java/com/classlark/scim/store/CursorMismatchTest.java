package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.directory.CursorMismatchException;
import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cursor position that does not fit the plan of its query is refused as a {@link
 * CursorMismatchException} by the store that reads it, never as an unrelated exception from parsing
 * its key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CursorMismatchTest {
  private static final String SCHOOL = "school";

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
    for (Database database : List.of(postgresDatabase, sqliteDatabase)) {
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle.execute(
                      "INSERT INTO accounts (id, name, created_at) VALUES (?, 'School', 0)",
                      SCHOOL));
    }
  }

  @AfterAll
  void close() {
    postgres.close();
    sqlite.close();
  }

  private JdbcStaffStore store(Engine engine) {
    return new JdbcStaffStore(engine == Engine.POSTGRES ? postgresDatabase : sqliteDatabase);
  }

  private static ListRequest request(String filter, List<String> key) {
    return new ListRequest(
        filter == null
            ? null
            : FilterResolver.resolve(ResourceTypes.USER, FilterParser.parse(filter)),
        null,
        10,
        new ListRequest.Paging.Cursor(new CursorPosition(key, false)));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anOffsetCursorOnAKeysetQueryIsAMismatch(Engine engine) {
    assertThatThrownBy(() -> store(engine).list(SCHOOL, request(null, List.of("@offset", "10"))))
        .isInstanceOf(CursorMismatchException.class);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aKeyOfAnotherLengthIsAMismatch(Engine engine) {
    assertThatThrownBy(() -> store(engine).list(SCHOOL, request(null, List.of("1", "a", "b"))))
        .isInstanceOf(CursorMismatchException.class);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aKeysetCursorOnAnInMemoryQueryIsAMismatch(Engine engine) {
    assertThatThrownBy(
            () -> store(engine).list(SCHOOL, request("title eq \"Head\"", List.of("1000", "id"))))
        .isInstanceOf(CursorMismatchException.class);
  }

  @Test
  void aFittingKeysetCursorIsAccepted() {
    assertThat(store(Engine.SQLITE).list(SCHOOL, request(null, List.of("1000", "id"))).resources())
        .isEmpty();
  }
}
