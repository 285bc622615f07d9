package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --demo} keeps one live demo token: on the embedded database the same one on every
 * start (kept beside the SQLite file, since the database has only its hash) until it is revoked or
 * expires; on PostgreSQL, only with {@code --force-demo}, a new one each start with the earlier
 * ones revoked.
 */
class DemoSchoolTest {

  private static List<ApiToken> liveDemoTokens(Services services, String schoolId) {
    return services.tokens().list(schoolId).stream()
        .filter(token -> DemoSchool.TOKEN_LABEL.equals(token.label()))
        .filter(token -> token.usableAt(services.clock().instant()))
        .toList();
  }

  @Test
  void embeddedDemoReusesItsTokenUntilItIsRevokedOrExpires() throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.SQLITE);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      MutableClock clock = MutableClock.startingNow();
      Services services = Services.over(database, clock);
      Path tokenFile = Path.of(testDatabase.spec() + ".demo-token");

      DemoSchool.Demo first = DemoSchool.prepare(services, testDatabase.target());

      assertThat(first.reused()).isFalse();
      assertThat(first.tokenFile()).isEqualTo(tokenFile);
      assertThat(Files.readString(tokenFile).strip()).isEqualTo(first.token());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
          .isEqualTo("rw-------");
      assertThat(first.tokenRecord().expiresAt())
          .isEqualTo(first.tokenRecord().createdAt().plus(Duration.ofDays(30)));

      clock.advance(Duration.ofDays(29));
      DemoSchool.Demo second = DemoSchool.prepare(services, testDatabase.target());

      assertThat(second.reused()).isTrue();
      assertThat(second.token()).isEqualTo(first.token());
      assertThat(second.school()).isEqualTo(first.school());
      assertThat(liveDemoTokens(services, first.school().id())).hasSize(1);

      clock.advance(Duration.ofDays(2));
      DemoSchool.Demo afterExpiry = DemoSchool.prepare(services, testDatabase.target());

      assertThat(afterExpiry.reused()).isFalse();
      assertThat(afterExpiry.token()).isNotEqualTo(first.token());
      assertThat(Files.readString(tokenFile).strip()).isEqualTo(afterExpiry.token());

      services.tokens().revoke(afterExpiry.tokenRecord().id());
      DemoSchool.Demo afterRevocation = DemoSchool.prepare(services, testDatabase.target());

      assertThat(afterRevocation.reused()).isFalse();
      assertThat(liveDemoTokens(services, first.school().id()))
          .extracting(ApiToken::id)
          .containsExactly(afterRevocation.tokenRecord().id());
    }
  }

  @Test
  void theTokensEarlierVersionsMintedOnEveryStartAreRevoked() {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.SQLITE);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, MutableClock.startingNow());
      String school = services.accounts().create(DemoSchool.NAME).id();
      for (int start = 0; start < 3; start++) {
        services.tokens().issue(school, DemoSchool.TOKEN_LABEL, null);
      }
      String supportToken = services.tokens().issue(school, "Entra ID", null).token().id();

      DemoSchool.Demo demo = DemoSchool.prepare(services, testDatabase.target());

      assertThat(demo.school().id()).isEqualTo(school);
      assertThat(liveDemoTokens(services, school))
          .extracting(ApiToken::id)
          .containsExactly(demo.tokenRecord().id());
      assertThat(services.tokens().findUsable(demo.token())).isPresent();
      assertThat(services.tokens().list(school))
          .filteredOn(token -> token.id().equals(supportToken))
          .singleElement()
          .satisfies(token -> assertThat(token.revokedAt()).isNull());
    }
  }

  @Test
  void postgresDemoIssuesANewTokenEachStartAndRevokesTheEarlierOnes() {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.POSTGRES);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, MutableClock.startingNow());

      DemoSchool.Demo first = DemoSchool.prepare(services, testDatabase.target());
      DemoSchool.Demo second = DemoSchool.prepare(services, testDatabase.target());

      assertThat(first.tokenFile()).isNull();
      assertThat(second.reused()).isFalse();
      assertThat(second.token()).isNotEqualTo(first.token());
      assertThat(liveDemoTokens(services, second.school().id()))
          .extracting(ApiToken::id)
          .containsExactly(second.tokenRecord().id());
    }
  }

  @Test
  void demoOnPostgresIsRefusedWithoutForceDemo() {
    try (TestDatabase database = TestDatabase.create(Engine.POSTGRES)) {
      Run run = run("serve", "--demo", "--port", "0", "--migrate", "--db", database.spec());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: --demo creates the account 'Demo School' and a token in "
                  + database.target().describe()
                  + ", a PostgreSQL database: demos belong on the embedded database; add"
                  + " --force-demo to do it anyway"
                  + System.lineSeparator()
                  + "Run 'classlark-scim serve --help' for its usage."
                  + System.lineSeparator());
      try (Database open = Database.open(database.target())) {
        assertThat(open.schemaState()).isEqualTo(Database.SchemaState.EMPTY);
      }
    }
  }
}
