package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.events.EventType;
import com.classlark.scim.directory.events.FeedEvent;
import com.classlark.scim.directory.events.FeedPosition;
import com.classlark.scim.directory.events.FeedSequencer;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The change feed's order: a consumer that resumes after the last event it got never misses one,
 * also when transactions commit out of the order of their ids (PostgreSQL); an open transaction
 * elsewhere holds nothing back; events left without a position are numbered later; and positions
 * keep growing after retention deleted every event.
 */
class ChangeEventOrderTest {
  private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  /** Makes event ids that sort in the order they were made, as the service's do. */
  private static final java.util.concurrent.atomic.AtomicLong MADE =
      new java.util.concurrent.atomic.AtomicLong();

  private static ChangeEvent event(String school, String resourceId) {
    return new ChangeEvent(
        new UUID(MADE.incrementAndGet(), UUID.randomUUID().getLeastSignificantBits()).toString(),
        EventType.STAFF_CREATED,
        AT,
        school,
        resourceId,
        EventSource.SCIM,
        Json.object().put("marker", resourceId));
  }

  private static String school(Database database) {
    return database.jdbi().withHandle(ChangeEventOrderTest::school);
  }

  private static String school(Handle handle) {
    String school = UUID.randomUUID().toString();
    handle.execute("INSERT INTO accounts (id, name, created_at) VALUES (?, 'S', 0)", school);
    return school;
  }

  /**
   * The events after {@code after} once there are {@code count} of them; the limit only keeps a
   * broken test from hanging (the sequencer runs at once after a commit of this process).
   */
  private static List<FeedEvent> await(
      JdbcChangeEventStore store, String school, FeedPosition after, int count) {
    List<List<FeedEvent>> read = new ArrayList<>(List.of(List.of()));
    Conditions.await(
        count + " events",
        Duration.ofSeconds(30),
        () -> {
          read.set(0, store.after(school, after, 10));
          return read.get(0).size() >= count;
        });
    return read.get(0);
  }

  private static List<String> resourceIds(List<FeedEvent> events) {
    return events.stream().map(event -> event.event().resourceId()).toList();
  }

  /**
   * A fresh migrated database of one engine with the feed's store, its outbox and, once started, a
   * sequencer, as every node has.
   */
  private static final class Feed implements AutoCloseable {
    final TestDatabase testDatabase;
    final Database database;
    final Outbox outbox;
    final JdbcChangeEventStore store;
    final FeedSequencer sequencer;

    Feed(Engine engine) {
      testDatabase = TestDatabase.create(engine);
      database = Database.open(testDatabase.target());
      database.migrate();
      outbox = new Outbox(database);
      store = new JdbcChangeEventStore(database);
      sequencer = new FeedSequencer(store, database.eventSignal());
    }

    /** The feed with its sequencer running. */
    static Feed running(Engine engine) {
      Feed feed = new Feed(engine);
      feed.sequencer.start();
      return feed;
    }

    /** Writes the events in one transaction of their own. */
    void write(ChangeEvent... events) {
      database.jdbi().useTransaction(handle -> outbox.write(handle, List.of(events)));
    }

    @Override
    public void close() {
      sequencer.close();
      database.close();
      testDatabase.close();
    }
  }

  /**
   * Two writers on two connections: the first takes the lower transaction id and commits last. A
   * consumer that read the second writer's event in between, and resumes after it, still gets the
   * first writer's: it is given a position after the second's when it commits.
   */
  @Test
  void anEventOfAnOlderTransactionThatCommitsLaterIsNotSkipped() {
    try (Feed feed = Feed.running(Engine.POSTGRES);
        Handle first = feed.database.jdbi().open();
        Handle second = feed.database.jdbi().open()) {
      String school = school(feed.database);
      first.begin();
      feed.outbox.write(first, event(school, "first"));
      second.begin();
      feed.outbox.write(second, event(school, "second"));
      second.commit();

      List<FeedEvent> whileFirstRuns = await(feed.store, school, FeedPosition.START, 1);
      assertThat(resourceIds(whileFirstRuns)).containsExactly("second");
      FeedPosition consumer = whileFirstRuns.get(0).position();

      first.commit();
      assertThat(resourceIds(await(feed.store, school, consumer, 1))).containsExactly("first");
      assertThat(resourceIds(feed.store.after(school, FeedPosition.START, 10)))
          .containsExactly("second", "first");
    }
  }

  /**
   * A transaction that holds a transaction id and stays open, on another connection of the same
   * schema and in another schema of the same server (another school's long Bulk, an idle session in
   * a transaction), does not hold back an event committed meanwhile.
   */
  @Test
  void anUnrelatedOpenTransactionDoesNotHoldBackAnEvent() {
    try (Feed feed = Feed.running(Engine.POSTGRES);
        Feed other = new Feed(Engine.POSTGRES);
        Handle sameSchema = feed.database.jdbi().open();
        Handle elsewhere = other.database.jdbi().open()) {
      String school = school(feed.database);
      sameSchema.begin();
      school(sameSchema);
      elsewhere.begin();
      school(elsewhere);
      assertThat(transactionId(sameSchema)).isNotNull();
      assertThat(transactionId(elsewhere)).isNotNull();

      feed.write(event(school, "prompt"));

      assertThat(resourceIds(await(feed.store, school, FeedPosition.START, 1)))
          .containsExactly("prompt");
      // Both are still open: the event did not wait for them.
      assertThat(transactionId(sameSchema)).isNotNull();
      assertThat(transactionId(elsewhere)).isNotNull();
      sameSchema.rollback();
      elsewhere.rollback();
    }
  }

  /** The id of the handle's open transaction, or null when it holds none. */
  private static String transactionId(Handle handle) {
    return handle
        .createQuery("SELECT pg_current_xact_id_if_assigned()::text")
        .mapTo(String.class)
        .one();
  }

  /**
   * Events committed while no sequencer ran (a node killed between its commit and its sequencing)
   * get their positions from the next sequencer that starts, in the order they were made.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void eventsLeftWithoutPositionAreNumberedByTheNextSequencer(Engine engine) {
    try (Feed feed = new Feed(engine)) {
      String school = school(feed.database);
      feed.write(event(school, "a"), event(school, "b"));
      feed.write(event(school, "c"));
      if (engine == Engine.POSTGRES) {
        assertThat(feed.store.after(school, FeedPosition.START, 10)).isEmpty();
      }

      feed.sequencer.start();
      assertThat(resourceIds(await(feed.store, school, FeedPosition.START, 3)))
          .containsExactly("a", "b", "c");
    }
  }

  /** A rolled-back transaction leaves no event and holds nothing back once it ended. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRolledBackTransactionLeavesNoEvent(Engine engine) {
    try (Feed feed = Feed.running(engine)) {
      String school = school(feed.database);
      try (Handle handle = feed.database.jdbi().open()) {
        handle.begin();
        feed.outbox.write(handle, event(school, "rolled back"));
        handle.rollback();
      }
      feed.write(event(school, "kept"));
      assertThat(resourceIds(await(feed.store, school, FeedPosition.START, 1)))
          .containsExactly("kept");
    }
  }

  /**
   * After retention deleted every event, new events still come after every cursor handed out
   * before: a consumer resuming from an old position misses none of them.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void newEventsFollowEveryEarlierPositionAfterRetentionDeletedAll(Engine engine) {
    try (Feed feed = Feed.running(engine)) {
      String school = school(feed.database);
      feed.write(event(school, "old"));
      FeedPosition old = await(feed.store, school, FeedPosition.START, 1).get(0).position();
      assertThat(feed.store.deleteOlderThan(AT.plusSeconds(1), 10)).isEqualTo(1);

      feed.write(event(school, "new"));
      assertThat(resourceIds(await(feed.store, school, old, 1))).containsExactly("new");
    }
  }

  /**
   * On SQLite an event's position comes from the newest event, and from the clock when retention
   * left none: an event written, read and deleted at once, within one tick of the clock, does not
   * give its position again to the next one.
   */
  @Test
  void positionsGrowWhenEachEventIsDeletedAtOnce() {
    try (Feed feed = new Feed(Engine.SQLITE)) {
      String school = school(feed.database);
      FeedPosition previous = FeedPosition.START;
      for (int i = 0; i < 200; i++) {
        feed.write(event(school, "e" + i));
        List<FeedEvent> written = feed.store.after(school, previous, 10);
        assertThat(resourceIds(written)).containsExactly("e" + i);
        previous = written.get(0).position();
        assertThat(feed.store.deleteOlderThan(AT.plusSeconds(1), 10)).isEqualTo(1);
      }
    }
  }

  /** One school's feed holds its own events only; the feed of every school holds both. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aSchoolsFeedHoldsOnlyItsOwnEvents(Engine engine) {
    try (Feed feed = Feed.running(engine)) {
      String mine = school(feed.database);
      String other = school(feed.database);
      feed.write(event(mine, "a"), event(other, "b"));
      feed.write(event(mine, "c"));

      assertThat(resourceIds(await(feed.store, mine, FeedPosition.START, 2)))
          .containsExactly("a", "c");
      assertThat(resourceIds(feed.store.after(null, FeedPosition.START, 10)))
          .containsExactly("a", "b", "c");
    }
  }
}
