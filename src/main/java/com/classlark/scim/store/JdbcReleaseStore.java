package com.classlark.scim.store;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.ReleaseStore;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.ChangeEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ReleaseStore} over JDBC: each release is one transaction that clears {@code scim_managed},
 * advances the version of what it released and records its author.
 */
public final class JdbcReleaseStore implements ReleaseStore {
  private final Jdbi jdbi;
  private final Outbox outbox;

  public JdbcReleaseStore(Database database) {
    this.jdbi = database.jdbi();
    this.outbox = new Outbox(database);
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
          int released =
              handle
                  .createUpdate(
                      "UPDATE "
                          + table
                          + " SET scim_managed = ?, version = version + 1, last_modified = ?"
                          + " WHERE account_id = ? AND id = ? AND scim_managed = ?"
                          + live)
                  .bind(0, false)
                  .bind(1, at.toEpochMilli())
                  .bind(2, accountId)
                  .bind(3, id)
                  .bind(4, true)
                  .execute();
          Optional<StoredResource> now =
              handle
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
          if (released == 1 && now.isPresent()) {
            outbox.write(
                handle,
                table.equals("staff")
                    ? ChangeEvents.staffReleased(accountId, now.get())
                    : ChangeEvents.groupReleased(accountId, now.get()));
            ManualChangeLog.record(
                handle,
                accountId,
                table.equals("staff")
                    ? ManualChangeLog.Resource.STAFF
                    : ManualChangeLog.Resource.GROUP,
                id,
                "release",
                author,
                now.get().version(),
                at);
          }
          return now;
        });
  }

  @Override
  public ReleasedCounts releaseSchool(String accountId, Instant at, Caller author) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          List<StoredResource> staff =
              releaseAll(handle, "staff", " AND retired_at IS NULL", accountId, at);
          List<StoredResource> groups = releaseAll(handle, "staff_groups", "", accountId, at);
          List<ChangeEvent> events = new ArrayList<>(staff.size() + groups.size());
          staff.forEach(member -> events.add(ChangeEvents.staffReleased(accountId, member)));
          groups.forEach(group -> events.add(ChangeEvents.groupReleased(accountId, group)));
          outbox.write(handle, events);
          ManualChangeLog.record(
              handle,
              accountId,
              ManualChangeLog.Resource.SCHOOL,
              accountId,
              "release",
              author,
              null,
              at);
          return new ReleasedCounts(staff.size(), groups.size());
        });
  }

  /** Releases every managed record of the table; returns them as released, for their events. */
  private static List<StoredResource> releaseAll(
      Handle handle, String table, String live, String accountId, Instant at) {
    return handle
        .createQuery(
            "UPDATE "
                + table
                + " SET scim_managed = ?, version = version + 1, last_modified = ?"
                + " WHERE account_id = ? AND scim_managed = ?"
                + live
                + " RETURNING "
                + ResourceRows.COLUMNS)
        .bind(0, false)
        .bind(1, at.toEpochMilli())
        .bind(2, accountId)
        .bind(3, true)
        .map(ResourceRows.MAPPER)
        .list();
  }
}
