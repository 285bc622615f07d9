package com.classlark.scim.directory.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcChangeEventStore;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A commit of this node wakes the sequencer; on SQLite, where a committed event already has its
 * position, that wake-up moves the long polls on without reading the database, while PostgreSQL's
 * sequencer numbers the new events.
 */
class FeedSequencerTest {
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aCommitWakesTheLongPollsAndReadsTheDatabaseOnlyWhereEventsNeedNumbers(Engine engine)
      throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Sequenced School").id();
      CountingStore store = new CountingStore(new JdbcChangeEventStore(database));
      // An interval longer than the test: every run after the first is a commit's; no gap.
      try (FeedSequencer sequencer =
          new FeedSequencer(store, database.eventSignal(), Duration.ofHours(1), Duration.ZERO)
              .start()) {
        Conditions.await("the first run", Duration.ofSeconds(30), () -> store.sequenced.get() == 1);
        for (int i = 0; i < 5; i++) {
          CompletableFuture<Void> advanced = sequencer.advanced().next();
          services.staff().create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("seq"))));
          // The long polls of this node wake at once, whatever the engine.
          advanced.get(60, TimeUnit.SECONDS);
        }
        Conditions.await(
            "five readable events",
            Duration.ofSeconds(60),
            () -> store.after(school, FeedPosition.START, 10).size() == 5);
        if (engine == Engine.SQLITE) {
          assertThat(store.sequenced.get()).isEqualTo(1);
        } else {
          assertThat(store.sequenced.get()).isGreaterThan(1);
          assertThat(store.afterCommit.get()).isEqualTo(store.sequenced.get() - 1);
        }
      }
    }
  }

  /**
   * On PostgreSQL, the commits that come within the gap after a run are numbered together by one
   * run once the gap has passed: under load the sequencer runs once per gap, not once per commit.
   */
  @org.junit.jupiter.api.Test
  void commitsWithinTheGapAreNumberedByOneRun() throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.POSTGRES);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Gap School").id();
      CountingStore store = new CountingStore(new JdbcChangeEventStore(database));
      try (FeedSequencer sequencer =
          new FeedSequencer(
                  store, database.eventSignal(), Duration.ofHours(1), Duration.ofSeconds(5))
              .start()) {
        Conditions.await("the first run", Duration.ofSeconds(30), () -> store.sequenced.get() == 1);
        for (int i = 0; i < 5; i++) {
          services.staff().create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("gap"))));
        }
        Conditions.await(
            "five readable events",
            Duration.ofSeconds(60),
            () -> store.after(school, FeedPosition.START, 10).size() == 5);
        // The first run, then one for the five commits; two if, on a very slow machine, the
        // commits took longer than the gap.
        assertThat(store.sequenced.get()).isBetween(2, 3);
        assertThat(store.afterCommit.get()).isEqualTo(store.sequenced.get() - 1);
      }
    }
  }

  /** The real store, counting its sequencer runs. */
  private static final class CountingStore implements EventStore {
    private final EventStore store;
    private final AtomicInteger sequenced = new AtomicInteger();
    private final AtomicInteger afterCommit = new AtomicInteger();

    CountingStore(EventStore store) {
      this.store = store;
    }

    @Override
    public List<FeedEvent> after(String school, FeedPosition after, int limit) {
      return store.after(school, after, limit);
    }

    @Override
    public boolean contains(FeedPosition position) {
      return store.contains(position);
    }

    @Override
    public long sequence() {
      sequenced.incrementAndGet();
      return store.sequence();
    }

    @Override
    public long sequenceAfterCommit() {
      sequenced.incrementAndGet();
      afterCommit.incrementAndGet();
      return store.sequenceAfterCommit();
    }

    @Override
    public boolean positionedAtCommit() {
      return store.positionedAtCommit();
    }

    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
      return store.deleteOlderThan(cutoff, limit);
    }
  }
}
