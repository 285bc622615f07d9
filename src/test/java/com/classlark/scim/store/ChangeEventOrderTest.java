package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.events.EventType;
import com.classlark.scim.directory.events.FeedEvent;
import com.classlark.scim.directory.events.FeedPosition;
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
 * also when transactions commit out of the order of their ids (PostgreSQL), and the feed's order
 * keeps growing after retention deleted every event (SQLite's counter).
 */
class ChangeEventOrderTest {
  private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  private static ChangeEvent event(String school, String resourceId) {
    return new ChangeEvent(
        UUID.randomUUID().toString(),
        EventType.STAFF_CREATED,
        AT,
        school,
        resourceId,
        EventSource.SCIM,
        Json.object().put("marker", resourceId));
  }

  private static String school(Database database) {
    String school = UUID.randomUUID().toString();
    database
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES (?, 'S', 0)", school));
    return school;
  }

  /**
   * The events after {@code after} once there are {@code count} of them: on PostgreSQL a
   * transaction of another test on the same server (a bulk load) holds the feed back until it ends.
   */
  private static List<FeedEvent> await(
      JdbcChangeEventStore store, String school, FeedPosition after, int count)
      throws InterruptedException {
    List<List<FeedEvent>> read = new ArrayList<>(List.of(List.of()));
    Conditions.await(
        count + " events",
        Duration.ofMinutes(3),
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
   * Two writers on two connections: the first takes the lower transaction id and commits last. A
   * consumer reading in between must not get the second writer's event yet, or it would resume
   * after it and never see the first writer's.
   */
  @Test
  void anEventOfAnOlderTransactionThatCommitsLaterIsNotSkipped() throws InterruptedException {
    try (TestDatabase testDatabase = TestDatabase.create(Engine.POSTGRES);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      String school = school(database);
      Outbox outbox = new Outbox(database);
      JdbcChangeEventStore store = new JdbcChangeEventStore(database);
      try (Handle first = database.jdbi().open();
          Handle second = database.jdbi().open()) {
        first.begin();
        outbox.write(first, event(school, "first"));
        second.begin();
        outbox.write(second, event(school, "second"));
        second.commit();

        List<FeedEvent> whileFirstRuns = store.after(school, FeedPosition.START, 10);
        assertThat(whileFirstRuns).isEmpty();

        first.commit();
        List<FeedEvent> afterBoth = await(store, school, FeedPosition.START, 2);
        assertThat(resourceIds(afterBoth)).containsExactly("first", "second");
        assertThat(store.after(school, afterBoth.get(0).position(), 10))
            .extracting(event -> event.event().resourceId())
            .containsExactly("second");
      }
    }
  }

  /** A rolled-back transaction leaves no event and holds nothing back once it ended. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRolledBackTransactionLeavesNoEvent(Engine engine) throws InterruptedException {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      String school = school(database);
      Outbox outbox = new Outbox(database);
      JdbcChangeEventStore store = new JdbcChangeEventStore(database);
      try (Handle handle = database.jdbi().open()) {
        handle.begin();
        outbox.write(handle, event(school, "rolled back"));
        handle.rollback();
      }
      database.jdbi().useTransaction(handle -> outbox.write(handle, event(school, "kept")));
      assertThat(resourceIds(await(store, school, FeedPosition.START, 1))).containsExactly("kept");
    }
  }

  /**
   * After retention deleted every event, new events still come after every cursor handed out
   * before: a consumer resuming from an old position misses none of them.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void newEventsFollowEveryEarlierPositionAfterRetentionDeletedAll(Engine engine)
      throws InterruptedException {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      String school = school(database);
      Outbox outbox = new Outbox(database);
      JdbcChangeEventStore store = new JdbcChangeEventStore(database);
      database.jdbi().useTransaction(handle -> outbox.write(handle, event(school, "old")));
      FeedPosition old = await(store, school, FeedPosition.START, 1).get(0).position();
      assertThat(store.deleteOlderThan(AT.plusSeconds(1), 10)).isEqualTo(1);

      database.jdbi().useTransaction(handle -> outbox.write(handle, event(school, "new")));
      assertThat(resourceIds(await(store, school, old, 1))).containsExactly("new");
    }
  }

  /** One school's feed holds its own events only; the feed of every school holds both. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void aSchoolsFeedHoldsOnlyItsOwnEvents(Engine engine) throws InterruptedException {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      String mine = school(database);
      String other = school(database);
      Outbox outbox = new Outbox(database);
      JdbcChangeEventStore store = new JdbcChangeEventStore(database);
      database
          .jdbi()
          .useTransaction(
              handle -> outbox.write(handle, List.of(event(mine, "a"), event(other, "b"))));
      database.jdbi().useTransaction(handle -> outbox.write(handle, event(mine, "c")));

      assertThat(resourceIds(store.after(mine, FeedPosition.START, 10))).containsExactly("a", "c");
      assertThat(resourceIds(store.after(null, FeedPosition.START, 10)))
          .containsExactlyInAnyOrder("a", "b", "c")
          .endsWith("c");
    }
  }
}
