package com.classlark.scim.store;

import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.events.EventStore;
import com.classlark.scim.directory.events.EventType;
import com.classlark.scim.directory.events.FeedEvent;
import com.classlark.scim.directory.events.FeedPosition;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link EventStore} over JDBC: the change feed in {@code seq} order.
 *
 * <p><b>Why no consumer misses an event.</b> A consumer resumes after the position of the last
 * event it got, so an event may only get a position when no event can later become visible with a
 * lower one: positions must be visible in the order of their numbers. On PostgreSQL, transaction
 * ids and sequences are handed out when a transaction writes, not when it commits, so writers
 * insert their events without a position ({@code seq} NULL) and {@link #sequence} numbers them
 * afterwards: its transaction first locks the one row of {@code change_feed_sequencer} (so
 * sequencer transactions of every node run one after the other), then numbers every event committed
 * by then and still without a position, continuing from the number in that row. Each sequencer
 * transaction starts after the previous one committed, so it sees that one's numbers and gives
 * higher ones; a reader's snapshot therefore sees the numbers of a prefix of the sequencer
 * transactions, every position up to some number and none above; an event committed later is
 * numbered by a later sequencer transaction, above every position a reader has seen. Readers never
 * wait for other transactions, so a transaction left open elsewhere on the server (another school's
 * Bulk, an idle session) delays nothing: an event is readable once its own transaction and the next
 * sequencer transaction committed. The events of one batch are numbered in {@code (tx, id)} order:
 * the writing transactions' ids, which follow the order in which conflicting writers took their row
 * locks, then the order in which one transaction made its events.
 *
 * <p><b>Where the sequencer looks.</b> Numbering an event writes a new version of its row, and the
 * old one, without a position, stays in the partial index {@code change_events_unsequenced} until
 * VACUUM removes it; without VACUUM (autovacuum off, or a big table between two of its runs) that
 * index holds an entry for every event ever numbered. So each sequencer transaction also keeps a
 * low mark, {@code change_feed_sequencer.low_tx}, and every look starts at {@code tx >= low_tx}.
 * The mark is the {@code xmin} of the snapshot of the transaction's lock statement: every
 * transaction id below it belonged to a transaction that had ended before that snapshot was taken,
 * so its events are visible to the numbering statement that follows, and a batch that was not full
 * numbered all of them; no event with a lower {@code tx} can become visible afterwards, because a
 * writer's {@code tx} is the id its transaction got when it wrote, and ids given out later are
 * higher. A full batch leaves the mark where it was. The mark only grows ({@code GREATEST}): an
 * older one from a sequencer that waited for the lock is still true, only less useful.
 *
 * <p>Rejected alternatives: reading only below the snapshot's xmin (the first design) held every
 * event back while any transaction on the server was open; a counter per school taken by the writer
 * would serialise each school's writes and give the feed of every school no order.
 *
 * <p>On SQLite, writes are serialised by its single write lock, and the writer takes {@code seq}
 * from the newest event (see {@link Outbox}): commit order at once, nothing to sequence.
 */
public final class JdbcChangeEventStore implements EventStore {
  static final String COLUMNS = "account_id, id, seq, at, type, resource_id, source, data";

  /** Whether a position's event is still kept: the feed index. */
  static final String CONTAINS = "SELECT 1 FROM change_events WHERE seq = ?";

  /** One batch of retention: the oldest events before the cutoff, by key. */
  static final String DELETE_OLDER =
      "DELETE FROM change_events WHERE (account_id, id) IN (SELECT account_id, id FROM"
          + " change_events WHERE at < ? ORDER BY at LIMIT ?)";

  /** The same on SQLite, whose events are keyed by their position (migration V12). */
  static final String SQLITE_DELETE_OLDER =
      "DELETE FROM change_events WHERE seq IN (SELECT seq FROM change_events WHERE at < ? ORDER BY"
          + " at LIMIT ?)";

  /**
   * The sequencer's check, without a lock: the newest position and whether any event at or above
   * the low mark has none.
   */
  static final String HEAD =
      "SELECT last_seq, EXISTS (SELECT 1 FROM change_events WHERE seq IS NULL AND tx >="
          + " change_feed_sequencer.low_tx) FROM change_feed_sequencer WHERE id = 1";

  /**
   * Serialises the sequencers of every node; waits for one that runs now, then reads its result:
   * the newest position, the low mark, and the {@code xmin} of this statement's snapshot, the next
   * low mark (see the class comment).
   */
  static final String LOCK =
      "SELECT last_seq, low_tx, pg_snapshot_xmin(pg_current_snapshot())::text::bigint FROM"
          + " change_feed_sequencer WHERE id = 1 FOR UPDATE";

  /**
   * Numbers the oldest events without a position after {@code :last}, in {@code (tx, id)} order,
   * from the low mark {@code :low} on. The statement's snapshot is taken after {@link #LOCK}: it
   * sees every event committed by then.
   */
  static final String NUMBER =
      "UPDATE change_events SET seq = :last + numbered.n FROM (SELECT account_id, id,"
          + " ROW_NUMBER() OVER (ORDER BY tx, id) AS n FROM change_events WHERE seq IS NULL AND tx"
          + " >= :low ORDER BY tx, id LIMIT :batch) AS numbered WHERE change_events.account_id ="
          + " numbered.account_id AND change_events.id = numbered.id";

  static final String ADVANCE =
      "UPDATE change_feed_sequencer SET last_seq = ?, low_tx = GREATEST(low_tx, ?) WHERE id = 1";

  /** SQLite: the head is the newest event's position (the unique index on seq). */
  static final String SQLITE_HEAD = "SELECT COALESCE(MAX(seq), 0) FROM change_events";

  /** Events one sequencer transaction numbers at most: it stays short. */
  static final int SEQUENCE_BATCH = 1000;

  private static final RowMapper<FeedEvent> MAPPER =
      (rs, ctx) ->
          new FeedEvent(
              new FeedPosition(rs.getLong("seq")),
              new ChangeEvent(
                  rs.getString("id"),
                  EventType.ofWireName(rs.getString("type")),
                  Instant.ofEpochMilli(rs.getLong("at")),
                  rs.getString("account_id"),
                  rs.getString("resource_id"),
                  EventSource.ofWireName(rs.getString("source")),
                  (ObjectNode) Json.parse(rs.getString("data").getBytes(StandardCharsets.UTF_8))));

  private final Jdbi jdbi;
  private final boolean postgres;

  public JdbcChangeEventStore(Database database) {
    this.jdbi = database.jdbi();
    this.postgres = database.dialect() == Dialect.POSTGRESQL;
  }

  /** The query of a page of the feed, of one school or of every school. */
  static String pageQuery(boolean oneSchool) {
    return "SELECT "
        + COLUMNS
        + " FROM change_events WHERE "
        + (oneSchool ? "account_id = :school AND " : "")
        + "seq > :after ORDER BY seq LIMIT :limit";
  }

  @Override
  public List<FeedEvent> after(String school, FeedPosition after, int limit) {
    return jdbi.withHandle(
        handle -> {
          var query =
              handle
                  .createQuery(pageQuery(school != null))
                  .bind("after", after.seq())
                  .bind("limit", limit);
          if (school != null) {
            query.bind("school", school);
          }
          return query.map(MAPPER).list();
        });
  }

  @Override
  public boolean contains(FeedPosition position) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(CONTAINS)
                .bind(0, position.seq())
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  @Override
  public long sequence() {
    if (!postgres) {
      return jdbi.withHandle(handle -> handle.createQuery(SQLITE_HEAD).mapTo(Long.class).one());
    }
    return numberAll(false);
  }

  @Override
  public long sequenceAfterCommit() {
    return postgres ? numberAll(true) : sequence();
  }

  /**
   * Numbers every event without a position, a batch per transaction.
   *
   * @param unsequenced whether there are events to number, as far as the caller knows: then the
   *     first batch's transaction starts without the lock-free {@link #HEAD} check
   */
  private long numberAll(boolean unsequenced) {
    boolean look = !unsequenced;
    while (true) {
      if (look) {
        Head head =
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(HEAD)
                        .map((rs, ctx) -> new Head(rs.getLong(1), rs.getBoolean(2)))
                        .one());
        if (!head.unsequenced()) {
          return head.last();
        }
      }
      Numbered numbered = Transactions.inTransaction(jdbi, JdbcChangeEventStore::numberBatch);
      if (numbered.count() < SEQUENCE_BATCH) {
        return numbered.last();
      }
      look = true;
    }
  }

  @Override
  public boolean positionedAtCommit() {
    return !postgres;
  }

  /** One sequencer transaction: the lock, then the numbers of at most one batch. */
  private static Numbered numberBatch(Handle handle) {
    Lock lock =
        handle
            .createQuery(LOCK)
            .map((rs, ctx) -> new Lock(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .one();
    int count =
        handle
            .createUpdate(NUMBER)
            .bind("last", lock.last())
            .bind("low", lock.low())
            .bind("batch", SEQUENCE_BATCH)
            .execute();
    if (count > 0) {
      // A full batch may have left events below the snapshot's xmin: the mark stays.
      long low = count < SEQUENCE_BATCH ? lock.snapshotXmin() : lock.low();
      handle.createUpdate(ADVANCE).bind(0, lock.last() + count).bind(1, low).execute();
    }
    return new Numbered(lock.last() + count, count);
  }

  /** What {@link #LOCK} read: the newest position, the low mark and the next one. */
  private record Lock(long last, long low, long snapshotXmin) {}

  private record Head(long last, boolean unsequenced) {}

  private record Numbered(long last, int count) {}

  @Override
  public int deleteOlderThan(Instant cutoff, int limit) {
    return Transactions.inTransaction(
        jdbi,
        handle ->
            handle
                .createUpdate(postgres ? DELETE_OLDER : SQLITE_DELETE_OLDER)
                .bind(0, cutoff.toEpochMilli())
                .bind(1, limit)
                .execute());
  }
}
