package com.classlark.scim.directory.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcAccountStore;
import com.classlark.scim.store.JdbcChangeEventStore;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The long poll's bounds, on a real database: a node lets only so many polls wait at once, refuses
 * the next one with a problem that says to retry, and ends every wait when it shuts down.
 */
class ChangeFeedWaitTest {
  private static final Caller APP = new Caller(ApiKeyRole.APP, "key", null);

  private static void awaitWaiting(ChangeFeed feed, int count) {
    Conditions.await(
        count + " waiting polls", Duration.ofSeconds(30), () -> feed.waiting() >= count);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aPollBeyondTheLimitIsRefusedAndClosingEndsEveryWait(Engine engine) throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Waiting School").id();
      ChangeFeed feed =
          new ChangeFeed(
              new JdbcChangeEventStore(database),
              new JdbcAccountStore(database),
              services.feedSequencer().advanced(),
              1);
      CompletableFuture<FeedPage> waiting =
          CompletableFuture.supplyAsync(() -> feed.read(APP, school, null, null, 30));
      awaitWaiting(feed, 1);

      DirectoryException refused =
          catchThrowableOfType(
              DirectoryException.class, () -> feed.read(APP, school, null, null, 1));
      assertThat(refused.kind()).isEqualTo(ProblemKind.TOO_MANY_WAITING);
      assertThat(refused.detail())
          .isEqualTo(
              "More than 1 requests are already waiting for events on this server. Try again in a"
                  + " second, or read without wait.");
      assertThat(feed.read(APP, school, null, null, 0).events()).isEmpty();

      feed.close();
      FeedPage ended = waiting.get(30, TimeUnit.SECONDS);
      assertThat(ended.events()).isEmpty();
      assertThat(ended.nextCursor()).isNull();
      assertThat(feed.waiting()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aWaitingPollWakesWithTheEventCommittedOnItsNode(Engine engine) throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Waking School").id();
      ChangeFeed feed = services.changeFeed();
      FeedPage woken;
      try (FeedSequencer sequencer = services.feedSequencer().start()) {
        CompletableFuture<FeedPage> waiting =
            CompletableFuture.supplyAsync(() -> feed.read(APP, school, null, null, 30));
        awaitWaiting(feed, 1);

        String id =
            services
                .staff()
                .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("wake"))))
                .resource()
                .id();

        woken = waiting.get(60, TimeUnit.SECONDS);
        assertThat(woken.events())
            .extracting(event -> event.event().type() + " " + event.event().resourceId())
            .containsExactly(EventType.STAFF_CREATED + " " + id);
      }
      assertThat(woken.nextCursor()).isEqualTo(woken.events().get(0).position().encode());
    }
  }
}
