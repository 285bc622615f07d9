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
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link EventStore} over JDBC: the change feed in {@code (tx, id)} order.
 *
 * <p><b>Why no consumer misses an event.</b> A consumer resumes after the position of the last
 * event it got, so an event may only be handed out when no event can later become visible before
 * it. On PostgreSQL, {@code tx} is the writing transaction's id, and ids are given out when
 * transactions start writing, not when they commit: transaction 10 may commit after transaction 11.
 * So {@link #HORIZON} hands out only events whose transaction is older than the reading snapshot's
 * xmin, the oldest transaction still running when the snapshot was taken. Every transaction below
 * xmin has ended, committed (its events are visible to the snapshot) or rolled back (it has none),
 * and every transaction that writes later gets an id at or above xmin, so after a consumer's
 * position only events above it can ever appear. The price: an event waits until every transaction
 * that started before its own commit has ended, normally milliseconds. On SQLite, writes are
 * serialised by its single write lock and {@code tx} grows in commit order (see {@link Outbox}), so
 * every committed event can be handed out.
 */
public final class JdbcChangeEventStore implements EventStore {
  /** Only events of transactions that no running transaction can precede (PostgreSQL). */
  static final String HORIZON = " AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

  static final String COLUMNS = "account_id, id, tx, at, type, resource_id, source, data";

  /** Whether a position's event is still kept: the feed index. */
  static final String CONTAINS = "SELECT 1 FROM change_events WHERE tx = ? AND id = ?";

  /** One batch of retention: the oldest events before the cutoff, by key. */
  static final String DELETE_OLDER =
      "DELETE FROM change_events WHERE (account_id, id) IN (SELECT account_id, id FROM"
          + " change_events WHERE at < ? ORDER BY at LIMIT ?)";

  private static final RowMapper<FeedEvent> MAPPER =
      (rs, ctx) ->
          new FeedEvent(
              new FeedPosition(rs.getLong("tx"), rs.getString("id")),
              new ChangeEvent(
                  rs.getString("id"),
                  EventType.ofWireName(rs.getString("type")),
                  Instant.ofEpochMilli(rs.getLong("at")),
                  rs.getString("account_id"),
                  rs.getString("resource_id"),
                  EventSource.ofWireName(rs.getString("source")),
                  (ObjectNode) Json.parse(rs.getString("data").getBytes(StandardCharsets.UTF_8))));

  private final Jdbi jdbi;
  private final String horizon;

  public JdbcChangeEventStore(Database database) {
    this.jdbi = database.jdbi();
    this.horizon = database.dialect() == Dialect.POSTGRESQL ? HORIZON : "";
  }

  /** The query of a page of the feed, of one school or of every school. */
  String pageQuery(boolean oneSchool) {
    return "SELECT "
        + COLUMNS
        + " FROM change_events WHERE "
        + (oneSchool ? "account_id = :school AND " : "")
        + "(tx, id) > (:tx, :id)"
        + horizon
        + " ORDER BY tx, id LIMIT :limit";
  }

  @Override
  public List<FeedEvent> after(String school, FeedPosition after, int limit) {
    return jdbi.withHandle(
        handle -> {
          var query =
              handle
                  .createQuery(pageQuery(school != null))
                  .bind("tx", after.tx())
                  .bind("id", after.id())
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
                .bind(0, position.tx())
                .bind(1, position.id())
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
  }

  @Override
  public int deleteOlderThan(Instant cutoff, int limit) {
    return Transactions.inTransaction(
        jdbi,
        handle ->
            handle
                .createUpdate(DELETE_OLDER)
                .bind(0, cutoff.toEpochMilli())
                .bind(1, limit)
                .execute());
  }
}
