package com.classlark.scim.store;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSignal;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * Writes change events in the transaction of the change they report (the transactional outbox of
 * issue 15): one INSERT per event, nothing read first, or on PostgreSQL a part of the change's own
 * statement ({@link #withEvent}). On PostgreSQL the event has no position yet: after the commit the
 * node's {@link EventSignal} wakes the feed's sequencer, which gives it one (see the V10 migration
 * and {@link JdbcChangeEventStore}). On SQLite the writer takes the position itself.
 */
final class Outbox {
  /**
   * PostgreSQL: the id of the writing transaction, which orders the events of one sequencer batch;
   * no position (seq NULL) until the sequencer gives one.
   */
  private static final String POSTGRES_VALUES = "pg_current_xact_id()::text::bigint, NULL";

  /**
   * SQLite: no transaction id (0); the position is one more than the newest event's, read by the
   * transaction that holds SQLite's only write lock, so that positions grow in commit order; never
   * below the wall clock in microseconds (the bound parameter), so that they still grow when
   * retention has deleted every event.
   */
  private static final String SQLITE_VALUES = "0, (" + Outbox.SQLITE_NEXT_POSITION + ")";

  /** SQLite: the next event's position, from its floor (the one parameter). */
  static final String SQLITE_NEXT_POSITION =
      "SELECT MAX(COALESCE(MAX(seq), 0) + 1, :floor) FROM change_events";

  /** The newest SQLite floor handed out by this process ({@link #floor}). */
  private static final AtomicLong LAST_FLOOR = new AtomicLong();

  private static final String INSERT =
      "INSERT INTO change_events (account_id, id, tx, seq, at, type, resource_id, source, data) ";

  private final String insert;
  private final EventSignal signal;
  private final boolean sqlite;

  Outbox(Database database) {
    this.sqlite = database.dialect() == Dialect.SQLITE;
    this.insert = INSERT + "VALUES (" + values(sqlite ? SQLITE_VALUES : POSTGRES_VALUES) + ")";
    this.signal = database.eventSignal();
  }

  private static String values(String txAndPosition) {
    return ":account, :event, " + txAndPosition + ", :at, :type, :resource, :source, :data";
  }

  /**
   * PostgreSQL: one statement that makes a change and writes its event, for a write that is one
   * statement and its event ({@link Transactions#inOneStatement}): the event is written once for
   * each row that {@code change} (an UPDATE or INSERT without RETURNING) writes, so the statement
   * returns 1 if it made the change and 0 if not, and both are one transaction whatever happens.
   * Bind the change's values and {@link #bind} the event's; {@link #written} after it returned 1.
   * {@code alongside} are more writes of a change that writes its row or fails (an INSERT), each
   * run once in the same statement (PostgreSQL runs every data-modifying part of a statement,
   * referenced or not, and whether or not the change wrote a row), such as a new record's child
   * rows. Parameter names of the event's: {@code account} (the change's school too), {@code event},
   * {@code at}, {@code type}, {@code resource}, {@code source}, {@code data}.
   */
  static String withEvent(String change, String... alongside) {
    StringBuilder with =
        new StringBuilder("WITH changed AS (").append(change).append(" RETURNING 1)");
    for (int i = 0; i < alongside.length; i++) {
      // Run whether or not the change wrote a row; any part's failure fails the whole statement.
      with.append(", also").append(i + 1).append(" AS (").append(alongside[i]).append(')');
    }
    return with + " " + INSERT + "SELECT " + values(POSTGRES_VALUES) + " FROM changed";
  }

  /** Binds a prepared event's values to a statement of {@link #withEvent}. */
  void bind(org.jdbi.v3.core.statement.SqlStatement<?> statement, Prepared event) {
    bindValues(statement, event.event(), event.data());
  }

  /** After a statement of {@link #withEvent} wrote its event and committed: wakes the feed. */
  void written() {
    signal.fire();
  }

  /**
   * An event with its data already serialised: made before the transaction, so that the JSON is not
   * written while the transaction holds its locks (on SQLite, the one write lock every write waits
   * for).
   */
  record Prepared(ChangeEvent event, String data) {}

  /** The event ready to write: see {@link Prepared}. */
  static Prepared prepare(ChangeEvent event) {
    return new Prepared(event, serialised(event));
  }

  /** Writes one event in the handle's transaction. */
  void write(Handle handle, ChangeEvent event) {
    write(handle, prepare(event));
  }

  /** Writes one prepared event in the handle's transaction. */
  void write(Handle handle, Prepared event) {
    Update update = handle.createUpdate(insert).addCustomizer(CachedPlan.INSTANCE);
    bindValues(update, event.event(), event.data());
    update.execute();
    handle.afterCommit(signal::fire);
  }

  /** Writes the events in the handle's transaction, in one batch. */
  void write(Handle handle, List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    if (events.size() == 1) {
      write(handle, events.get(0));
      return;
    }
    PreparedBatch batch = handle.prepareBatch(insert).addCustomizer(CachedPlan.INSTANCE);
    for (ChangeEvent event : events) {
      bindValues(batch, event, serialised(event));
      batch.add();
    }
    batch.execute();
    handle.afterCommit(signal::fire);
  }

  private void bindValues(
      org.jdbi.v3.core.statement.SqlStatement<?> statement, ChangeEvent event, String data) {
    statement
        .bind("account", event.school())
        .bind("event", event.id())
        .bind("at", event.at().toEpochMilli())
        .bind("type", event.type().wireName())
        .bind("resource", event.resourceId())
        .bind("source", event.source().wireName())
        .bind("data", data);
    if (sqlite) {
      statement.bind("floor", floor());
    }
  }

  /**
   * SQLite: the lowest position the next event may take when retention deleted every event: the
   * wall clock in microseconds, and above every floor this process handed out before. The clock
   * alone is not enough: an event written, read and deleted within one tick of the clock would give
   * its position again to the next event, which a consumer that got the first would skip.
   */
  private static long floor() {
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    return LAST_FLOOR.accumulateAndGet(micros, (last, clock) -> Math.max(last + 1, clock));
  }

  private static String serialised(ChangeEvent event) {
    try {
      return Json.MAPPER.writeValueAsString(event.data());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an event's data", e);
    }
  }
}
