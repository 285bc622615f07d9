package com.classlark.scim.store;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.ReleaseStore;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.ChangeEvents;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ReleaseStore} over JDBC: each release is one transaction that clears {@code scim_managed},
 * advances the version of what it released, writes its events and records its author. A whole
 * school is released in batches of {@link #BATCH} records within that one transaction, each batch
 * with its events, so that memory does not grow with the size of the school.
 */
public final class JdbcReleaseStore implements ReleaseStore {
  /** Records released, and their events written, per statement of a whole school's release. */
  static final int BATCH = 1000;

  private final Jdbi jdbi;
  private final Outbox outbox;
  private final int batchSize;

  public JdbcReleaseStore(Database database) {
    this(database, BATCH);
  }

  JdbcReleaseStore(Database database, int batchSize) {
    this.jdbi = database.jdbi();
    this.outbox = new Outbox(database);
    this.batchSize = batchSize;
  }

  @Override
  public Optional<StoredResource> releaseStaff(
      String accountId, String staffId, Instant at, Caller author) {
    return release(accountId, "staff", " AND retired_at IS NULL", staffId, at, author);
  }

  @Override
  public Optional<StoredResource> releaseGroup(
      String accountId, String groupId, Instant at, Caller author) {
    return release(accountId, "staff_groups", "", groupId, at, author);
  }

  private Optional<StoredResource> release(
      String accountId, String table, String live, String id, Instant at, Caller author) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          // The release returns the record it changed; only a record that was not managed (nothing
          // to release) is read on its own.
          Optional<StoredResource> released =
              handle
                  .createQuery(
                      "UPDATE "
                          + table
                          + " SET scim_managed = ?, version = version + 1, last_modified = ?"
                          + " WHERE account_id = ? AND id = ? AND scim_managed = ?"
                          + live
                          + " RETURNING "
                          + ResourceRows.COLUMNS)
                  .bind(0, false)
                  .bind(1, at.toEpochMilli())
                  .bind(2, accountId)
                  .bind(3, id)
                  .bind(4, true)
                  .map(ResourceRows.MAPPER)
                  .findOne();
          if (released.isEmpty()) {
            return handle
                .createQuery(
                    "SELECT "
                        + ResourceRows.COLUMNS
                        + " FROM "
                        + table
                        + " WHERE account_id = ? AND id = ?"
                        + live)
                .bind(0, accountId)
                .bind(1, id)
                .map(ResourceRows.MAPPER)
                .findOne();
          }
          StoredResource record = released.get();
          outbox.write(
              handle,
              table.equals("staff")
                  ? ChangeEvents.staffReleased(accountId, record)
                  : ChangeEvents.groupReleased(accountId, record));
          ManualChangeLog.record(
              handle,
              accountId,
              table.equals("staff")
                  ? ManualChangeLog.Resource.STAFF
                  : ManualChangeLog.Resource.GROUP,
              id,
              "release",
              author,
              record.version(),
              at);
          return released;
        });
  }

  @Override
  public ReleasedCounts releaseSchool(String accountId, Instant at, Caller author) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          int staff =
              releaseAll(
                  handle,
                  "staff",
                  " AND retired_at IS NULL",
                  accountId,
                  at,
                  member -> ChangeEvents.staffReleased(accountId, member));
          int groups =
              releaseAll(
                  handle,
                  "staff_groups",
                  "",
                  accountId,
                  at,
                  group -> ChangeEvents.groupReleased(accountId, group));
          ManualChangeLog.record(
              handle,
              accountId,
              ManualChangeLog.Resource.SCHOOL,
              accountId,
              "release",
              author,
              null,
              at);
          return new ReleasedCounts(staff, groups);
        });
  }

  /**
   * Releases every managed record of the table, batch by batch in id order (the primary key), and
   * writes each batch's events with it; returns how many it released. Ids are lowercase UUIDs,
   * which sort alike as Java strings and in every collation, so the next batch starts after the
   * greatest id of this one.
   */
  private int releaseAll(
      Handle handle,
      String table,
      String live,
      String accountId,
      Instant at,
      Function<StoredResource, ChangeEvent> event) {
    String sql =
        "UPDATE "
            + table
            + " SET scim_managed = ?, version = version + 1, last_modified = ?"
            + " WHERE account_id = ? AND id IN (SELECT id FROM "
            + table
            + " WHERE account_id = ? AND id > ? AND scim_managed = ?"
            + live
            + " ORDER BY id LIMIT ?) RETURNING "
            + ResourceRows.COLUMNS;
    int released = 0;
    String after = "";
    while (true) {
      List<StoredResource> batch =
          handle
              .createQuery(sql)
              .bind(0, false)
              .bind(1, at.toEpochMilli())
              .bind(2, accountId)
              .bind(3, accountId)
              .bind(4, after)
              .bind(5, true)
              .bind(6, batchSize)
              .map(ResourceRows.MAPPER)
              .list();
      if (batch.isEmpty()) {
        return released;
      }
      List<StoredResource> inOrder =
          batch.stream().sorted(Comparator.comparing(StoredResource::id)).toList();
      outbox.write(handle, inOrder.stream().map(event).toList());
      released += batch.size();
      if (batch.size() < batchSize) {
        return released;
      }
      after = inOrder.get(inOrder.size() - 1).id();
    }
  }
}
