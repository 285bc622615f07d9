package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every form of database password is taken out of the URL and never shown. */
class DatabaseTargetTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # --db                                                                  | JDBC URL without the password                                | user     | password | shown
          jdbc:postgresql://postgres:s3cret@127.0.0.1:5432/test                   | jdbc:postgresql://127.0.0.1:5432/test                        | postgres | s3cret   | jdbc:postgresql://postgres:***@127.0.0.1:5432/test
          jdbc:postgresql://postgres:s3cret@db.example/test?sslmode=require       | jdbc:postgresql://db.example/test?sslmode=require            | postgres | s3cret   | jdbc:postgresql://postgres:***@db.example/test?sslmode=require
          jdbc:postgresql://ops%40school:p%40ss%2Fw+rd@db/test                    | jdbc:postgresql://db/test                                    | ops@school | p@ss/w+rd | jdbc:postgresql://ops%40school:***@db/test
          jdbc:postgresql://postgres@db/test                                      | jdbc:postgresql://db/test                                    | postgres |          | jdbc:postgresql://postgres@db/test
          jdbc:postgresql://db/test?user=postgres&password=s3cret&sslmode=require | jdbc:postgresql://db/test?user=postgres&sslmode=require      |          | s3cret   | jdbc:postgresql://db/test?user=postgres&password=***&sslmode=require
          jdbc:postgresql://db/test?PassWord=s3cret                               | jdbc:postgresql://db/test                                    |          | s3cret   | jdbc:postgresql://db/test?PassWord=***
          jdbc:postgresql://db/test?user=postgres&password=a+b%26c                | jdbc:postgresql://db/test?user=postgres                      |          | a b&c    | jdbc:postgresql://db/test?user=postgres&password=***
          jdbc:postgresql://db/test?user=postgres                                 | jdbc:postgresql://db/test?user=postgres                      |          |          | jdbc:postgresql://db/test?user=postgres
          """)
  void postgresPasswordsLeaveTheUrlAndAreMasked(
      String spec, String jdbcUrl, String user, String password, String shown) {
    DatabaseTarget target = DatabaseTarget.parse(spec);

    assertThat(target.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(target.jdbcUrl()).isEqualTo(jdbcUrl);
    assertThat(target.user()).isEqualTo(user);
    assertThat(target.password()).isEqualTo(password);
    assertThat(target.describe()).isEqualTo(shown);
    assertThat(target).hasToString(shown);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          cannot open jdbc:postgresql://postgres:s3cret@db:5432/x: refused           | cannot open jdbc:postgresql://postgres:***@db:5432/x: refused
          url=jdbc:postgresql://db/x?user=a&password=s3cret;loginTimeout=3            | url=jdbc:postgresql://db/x?user=a&password=***;loginTimeout=3
          PASSWORD=s3cret and Password=s3cret                                         | PASSWORD=*** and Password=***
          jdbc:mysql://root:s3cret@localhost/x                                        | jdbc:mysql://root:***@localhost/x
          jdbc:postgresql://db:5432/x?user=postgres                                   | jdbc:postgresql://db:5432/x?user=postgres
          """)
  void passwordsInAnyTextAreMasked(String text, String masked) {
    assertThat(DatabaseTarget.maskPasswords(text)).isEqualTo(masked);
  }

  @org.junit.jupiter.api.Test
  void theTargetsOwnPasswordIsMaskedWhereverItIsQuoted() {
    DatabaseTarget target = DatabaseTarget.parse("jdbc:postgresql://postgres:s3cret@db/x");

    assertThat(target.mask("FATAL: password authentication failed (tried 's3cret')"))
        .isEqualTo("FATAL: password authentication failed (tried '***')");
  }

  @org.junit.jupiter.api.Test
  void anUnsupportedUrlIsRefusedWithItsPasswordMasked() {
    assertThatThrownBy(() -> DatabaseTarget.parse("jdbc:mysql://root:s3cret@localhost/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--db jdbc:mysql://root:***@localhost/x is not supported: use a file path (SQLite) or a"
                + " jdbc:postgresql: URL");
  }

  @org.junit.jupiter.api.Test
  void aFilePathIsSqlite() {
    DatabaseTarget target = DatabaseTarget.parse("./data/school.db");

    assertThat(target.dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(target.jdbcUrl()).isEqualTo("jdbc:sqlite:./data/school.db");
    assertThat(target.sqliteFile()).hasToString("./data/school.db");
    assertThat(target.describe()).isEqualTo("jdbc:sqlite:./data/school.db");
  }
}
