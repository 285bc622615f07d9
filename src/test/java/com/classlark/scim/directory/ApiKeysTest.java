package com.classlark.scim.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.app.Services;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** API keys: their form, the caller they stand for, revocation within a second. */
@ParameterizedClass
@EnumSource(Engine.class)
class ApiKeysTest {
  @Parameter Engine engine;

  TestDatabase testDatabase;
  Database database;
  MutableClock clock;
  ApiKeys keys;

  @BeforeEach
  void open() {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    clock = MutableClock.startingNow();
    keys = Services.over(database, clock).apiKeys();
  }

  @AfterEach
  void close() {
    database.close();
    testDatabase.close();
  }

  @Test
  void keysHaveTheirOwnPrefixAndAreStoredOnlyAsAHash() {
    IssuedApiKey issued = keys.issue(ApiKeyRole.APP, " web app ");

    assertThat(issued.secret()).startsWith("clak_").hasSize(5 + 43);
    assertThat(issued.secret()).doesNotStartWith(Tokens.PREFIX);
    assertThat(issued.key().prefix()).isEqualTo(issued.secret().substring(0, 11));
    assertThat(issued.key().label()).isEqualTo("web app");
    assertThat(keys.list()).containsExactly(issued.key());
    assertThat(keys.list().toString()).doesNotContain(issued.secret().substring(11));
  }

  @Test
  void authenticationGivesTheCallerWithRoleKeyAndActor() {
    IssuedApiKey issued = keys.issue(ApiKeyRole.SUPPORT, null);

    assertThat(keys.authenticate(issued.secret(), " admin@school.example "))
        .isEqualTo(new Caller(ApiKeyRole.SUPPORT, issued.key().id(), "admin@school.example"));
    assertThat(keys.authenticate(issued.secret(), null))
        .isEqualTo(new Caller(ApiKeyRole.SUPPORT, issued.key().id(), null));
  }

  @Test
  void revocationIsEffectiveOnceTheCacheSecondHasPassed() {
    IssuedApiKey issued = keys.issue(ApiKeyRole.APP, null);
    ApiKeys otherNode = Services.over(database, clock).apiKeys();
    otherNode.authenticate(issued.secret(), null);

    keys.revoke(issued.key().id());
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> otherNode.authenticate(issued.secret(), null))
        .isInstanceOfSatisfying(
            DirectoryException.class,
            refused -> assertThat(refused.kind()).isEqualTo(ProblemKind.UNAUTHORIZED));
    assertThat(keys.list().get(0).revokedAt()).isEqualTo(Timestamps.now(clock).minusSeconds(1));
  }

  @Test
  void appRoleIsRefusedWhatOnlySupportMayDo() {
    Caller app = new Caller(ApiKeyRole.APP, "k", null);

    assertThatThrownBy(() -> app.require(ApiKeyRole.SUPPORT, "list schools"))
        .isInstanceOfSatisfying(
            DirectoryException.class,
            refused -> {
              assertThat(refused.kind()).isEqualTo(ProblemKind.FORBIDDEN);
              assertThat(refused.detail())
                  .isEqualTo("Only a caller with the support role may list schools.");
            });
    app.require(ApiKeyRole.APP, "read schools");
    Caller.commandLine().require(ApiKeyRole.SUPPORT, "list schools");
  }
}
