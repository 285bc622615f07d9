package com.classlark.scim.directory.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.Precondition;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcChangeEventStore;
import com.classlark.scim.store.MigratedDatabase;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A commit of this node wakes the sequencer; on SQLite, where a committed event already has its
 * position, that wake-up moves the long polls on without reading the database, while PostgreSQL's
 * sequencer numbers the new events.
 */
class FeedSequencerTest {
  /** A migrated database of one engine, a school, and the real event store, counted. */
  private record Fixture(
      MigratedDatabase migrated, Services services, String school, CountingStore store)
      implements AutoCloseable {
    static Fixture open(Engine engine) {
      MigratedDatabase migrated = MigratedDatabase.create(engine);
      Database database = migrated.database();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Sequenced School").id();
      return new Fixture(
          migrated, services, school, new CountingStore(new JdbcChangeEventStore(database)));
    }

    /**
     * A sequencer whose interval is longer than any test: every run after the first is a commit's.
     */
    FeedSequencer sequencer(Duration gap) {
      return new FeedSequencer(store, migrated.database().eventSignal(), Duration.ofHours(1), gap)
          .start();
    }

    String createStaff() {
      return services
          .staff()
          .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("seq"))))
          .resource()
          .id();
    }

    /** A SCIM edit of one name: on PostgreSQL the UPDATE and its event are one statement. */
    void renameStaff(String id) {
      services
          .staff()
          .patch(
              school,
              id,
              Bodies.parse(
                  Bodies.json(
                      "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                          + "'Operations':[{'op':'replace','path':'name.givenName',"
                          + "'value':'Renamed'}]}")),
              Precondition.NONE);
    }

    int readableEvents() {
      return store.after(school, FeedPosition.START, 10).size();
    }

    void awaitFirstRun() {
      Conditions.await("the first run", Duration.ofSeconds(30), () -> store.sequenced.get() == 1);
    }

    @Override
    public void close() {
      migrated.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aCommitWakesTheLongPollsAndReadsTheDatabaseOnlyWhereEventsNeedNumbers(Engine engine)
      throws Exception {
    try (Fixture fixture = Fixture.open(engine);
        FeedSequencer sequencer = fixture.sequencer(Duration.ZERO)) {
      fixture.awaitFirstRun();
      for (int i = 0; i < 5; i++) {
        CompletableFuture<Void> created = sequencer.advanced().next();
        String id = fixture.createStaff();
        // The long polls of this node wake at once, whatever the engine and the write.
        created.get(60, TimeUnit.SECONDS);
        CompletableFuture<Void> renamed = sequencer.advanced().next();
        fixture.renameStaff(id);
        renamed.get(60, TimeUnit.SECONDS);
      }
      Conditions.await(
          "ten readable events", Duration.ofSeconds(60), () -> fixture.readableEvents() == 10);
      CountingStore store = fixture.store();
      if (engine == Engine.SQLITE) {
        assertThat(store.sequenced.get()).isEqualTo(1);
      } else {
        assertThat(store.sequenced.get()).isGreaterThan(1);
        assertThat(store.afterCommit.get()).isEqualTo(store.sequenced.get() - 1);
      }
    }
  }

  /**
   * On PostgreSQL, a commit within the gap after the last run does not start a run: with a gap
   * longer than the test, the commits leave the first run the only one until the sequencer closes.
   */
  @Test
  void commitsWithinTheGapStartNoRun() {
    try (Fixture fixture = Fixture.open(Engine.POSTGRES)) {
      try (FeedSequencer sequencer = fixture.sequencer(Duration.ofHours(1))) {
        fixture.awaitFirstRun();
        for (int i = 0; i < 5; i++) {
          fixture.createStaff();
        }
      }
      assertThat(fixture.store().sequenced.get()).isEqualTo(1);
      assertThat(fixture.readableEvents()).isZero();
    }
  }

  /**
   * ...and once the gap has passed, one run that the commits woke numbers their events, long before
   * the hourly interval would.
   */
  @Test
  void theCommitsOfTheGapAreNumberedWhenItEnds() {
    try (Fixture fixture = Fixture.open(Engine.POSTGRES);
        FeedSequencer sequencer = fixture.sequencer(Duration.ofMillis(200))) {
      fixture.awaitFirstRun();
      for (int i = 0; i < 5; i++) {
        fixture.createStaff();
      }
      Conditions.await(
          "five readable events", Duration.ofSeconds(60), () -> fixture.readableEvents() == 5);
      CountingStore store = fixture.store();
      assertThat(store.afterCommit.get()).isPositive();
      assertThat(store.afterCommit.get()).isEqualTo(store.sequenced.get() - 1);
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
