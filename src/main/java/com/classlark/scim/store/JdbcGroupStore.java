package com.classlark.scim.store;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DuplicateKeyException;
import com.classlark.scim.directory.GroupMember;
import com.classlark.scim.directory.GroupStore;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.ChangeEvents;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link GroupStore} over JDBC: the group row with its typed columns and document, its version
 * changed with every membership change, which {@link GroupMemberships} applies as set operations.
 */
public final class JdbcGroupStore implements GroupStore {
  private static final int STREAM_FETCH_SIZE = 1000;

  /** One group by id: the primary key. */
  static final String FIND =
      "SELECT " + ResourceRows.COLUMNS + " FROM staff_groups WHERE account_id = ? AND id = ?";

  /** A group's members with their names, in id order, for a full read. */
  static final String MEMBERS =
      "SELECT m.member_id, s.display_name, s.given_name, s.family_name FROM group_members m"
          + " JOIN staff s ON s.account_id = m.account_id AND s.id = m.member_id"
          + " WHERE m.account_id = ? AND m.group_id = ? ORDER BY m.member_id";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final GroupMemberships memberships;
  private final GroupChangeBatches batches = new GroupChangeBatches();
  private final ResourceQueries queries;
  private final Outbox outbox;

  public JdbcGroupStore(Database database) {
    this.jdbi = database.jdbi();
    this.outbox = new Outbox(database);
    this.dialect = database.dialect();
    this.memberships = new GroupMemberships(dialect);
    this.queries = new ResourceQueries(database, QueryTable.GROUPS, ResourceTypes.GROUP);
  }

  private static String text(ObjectNode document, String field) {
    return document.hasNonNull(field) ? document.get(field).asText() : null;
  }

  @Override
  public void insert(String accountId, StoredResource group, List<String> memberIds) {
    insert(accountId, group, memberIds, null);
  }

  @Override
  public void insertByHand(
      String accountId, StoredResource group, List<String> memberIds, Caller author) {
    insert(accountId, group, memberIds, java.util.Objects.requireNonNull(author, "author"));
  }

  /** Inserts the group, and the record of its author when made by hand (author not null). */
  private void insert(
      String accountId, StoredResource group, List<String> memberIds, Caller author) {
    try {
      Transactions.useTransaction(
          jdbi,
          handle -> {
            memberships.requireLiveStaff(handle, accountId, memberIds);
            String displayName = text(group.document(), "displayName");
            handle
                .createUpdate(
                    "INSERT INTO staff_groups (account_id, id, display_name, display_name_key,"
                        + " external_id, scim_managed, created_at, last_modified, version, document)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, accountId)
                .bind(1, group.id())
                .bind(2, displayName)
                .bind(3, StaffColumns.key(displayName))
                .bind(4, text(group.document(), "externalId"))
                .bind(5, group.scimManaged())
                .bind(6, group.created().toEpochMilli())
                .bind(7, group.lastModified().toEpochMilli())
                .bind(8, group.version())
                .bind(9, ResourceRows.serialise(group.document()))
                .execute();
            memberships.add(handle, accountId, group.id(), memberIds);
            EventSource source = author == null ? EventSource.SCIM : EventSource.MANUAL;
            List<ChangeEvent> events = new java.util.ArrayList<>();
            events.add(ChangeEvents.groupCreated(accountId, source, group));
            if (!memberIds.isEmpty()) {
              events.add(
                  ChangeEvents.membersAdded(
                      accountId, source, group.id(), group.lastModified(), memberIds));
            }
            outbox.write(handle, events);
            if (author != null) {
              ManualChangeLog.record(
                  handle,
                  accountId,
                  ManualChangeLog.Resource.GROUP,
                  group.id(),
                  "create",
                  author,
                  group.version(),
                  group.lastModified());
            }
          });
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  private static RuntimeException translated(RuntimeException e) {
    return SqlErrors.isUniqueViolation(e) ? new DuplicateKeyException("displayName taken", e) : e;
  }

  @Override
  public Optional<StoredResource> find(String accountId, String groupId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(FIND)
                .addCustomizer(CachedPlan.INSTANCE)
                .bind(0, accountId)
                .bind(1, groupId)
                .map(ResourceRows.MAPPER)
                .findOne());
  }

  /** Takes the group's row lock (PostgreSQL; SQLite's write transactions are serial anyway). */
  static final String LOCK_GROUP =
      "UPDATE staff_groups SET version = version WHERE account_id = ? AND id = ?";

  /** Marks the group SCIM-managed, advances its version by ? and returns it, in one statement. */
  static final String BUMP_GROUP =
      "UPDATE staff_groups SET scim_managed = ?, version = version + ?,"
          + " last_modified = CASE WHEN ? > 0 THEN ? ELSE last_modified END"
          + " WHERE account_id = ? AND id = ? RETURNING "
          + ResourceRows.COLUMNS;

  @Override
  public Optional<StoredResource> changeMembers(
      String accountId, String groupId, Instant at, List<MembershipChange> changes) {
    boolean setOperationsOnly =
        changes.stream()
            .allMatch(
                change ->
                    change instanceof MembershipChange.AddMembers
                        || change instanceof MembershipChange.RemoveMembers);
    if (setOperationsOnly) {
      return batches.submit(accountId, groupId, at, changes, this::applyTogether);
    }
    // A full replacement reads the members it replaces, so it takes the group's lock first.
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          if (lock(handle, accountId, groupId) == 0) {
            return Optional.<StoredResource>empty();
          }
          int changedRows = 0;
          for (MembershipChange change : changes) {
            changedRows += memberships.apply(handle, accountId, groupId, change);
          }
          if (changedRows > 0) {
            outbox.write(
                handle,
                ChangeEvents.membershipChanged(accountId, EventSource.SCIM, groupId, at, changes));
          }
          return bump(handle, accountId, groupId, at, changedRows);
        });
  }

  /** What a batch's transaction found: the group afterwards, and the requests it refused. */
  private record BatchOutcome(
      Optional<StoredResource> group,
      java.util.Map<GroupChangeBatches.Waiting, RuntimeException> refused) {}

  /**
   * Applies the adds and removes of several requests to one group in one transaction. Adds and
   * removes are set operations that commute: they run before the group's row lock, and the lock is
   * taken by the last statement, which bumps the version once and returns the group, so that the
   * lock is held only for that statement and the commit. A request that names an unknown member is
   * refused alone, before any of its changes is written.
   */
  private void applyTogether(List<GroupChangeBatches.Waiting> batch) {
    GroupChangeBatches.Waiting first = batch.get(0);
    String accountId = first.accountId;
    String groupId = first.groupId;
    Instant at = batch.stream().map(waiting -> waiting.at).max(Instant::compareTo).orElseThrow();
    BatchOutcome outcome =
        Transactions.inTransaction(
            jdbi,
            handle -> {
              java.util.Map<GroupChangeBatches.Waiting, RuntimeException> refused =
                  new java.util.HashMap<>();
              if (!exists(handle, accountId, groupId)) {
                return new BatchOutcome(Optional.empty(), refused);
              }
              int changedRows = 0;
              List<ChangeEvent> events = new java.util.ArrayList<>();
              for (GroupChangeBatches.Waiting waiting : batch) {
                try {
                  int changed =
                      memberships.applySetOperations(handle, accountId, groupId, waiting.changes);
                  if (changed > 0) {
                    // One request's events, even when its changes share a transaction.
                    events.addAll(
                        ChangeEvents.membershipChanged(
                            accountId, EventSource.SCIM, groupId, waiting.at, waiting.changes));
                  }
                  changedRows += changed;
                } catch (UnknownMembersException e) {
                  refused.put(waiting, e);
                }
              }
              outbox.write(handle, events);
              return new BatchOutcome(bump(handle, accountId, groupId, at, changedRows), refused);
            });
    for (GroupChangeBatches.Waiting waiting : batch) {
      RuntimeException refusal = outcome.refused().get(waiting);
      if (refusal != null) {
        waiting.fail(refusal);
      } else {
        waiting.succeed(outcome.group());
      }
    }
  }

  private static Optional<StoredResource> bump(
      Handle handle, String accountId, String groupId, Instant at, int changedRows) {
    return handle
        .createQuery(BUMP_GROUP)
        .addCustomizer(CachedPlan.INSTANCE)
        .bind(0, true)
        .bind(1, changedRows > 0 ? 1 : 0)
        .bind(2, changedRows)
        .bind(3, at.toEpochMilli())
        .bind(4, accountId)
        .bind(5, groupId)
        .map(ResourceRows.MAPPER)
        .findOne();
  }

  private static int lock(Handle handle, String accountId, String groupId) {
    return handle
        .createUpdate(LOCK_GROUP)
        .addCustomizer(CachedPlan.INSTANCE)
        .bind(0, accountId)
        .bind(1, groupId)
        .execute();
  }

  private static boolean exists(Handle handle, String accountId, String groupId) {
    return handle
        .createQuery("SELECT 1 FROM staff_groups WHERE account_id = ? AND id = ?")
        .bind(0, accountId)
        .bind(1, groupId)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  @Override
  public Optional<StoredResource> update(
      String accountId,
      StoredResource current,
      ObjectNode document,
      Instant at,
      List<MembershipChange> changes) {
    return update(accountId, current, document, at, changes, null);
  }

  @Override
  public Optional<StoredResource> updateByHand(
      String accountId,
      StoredResource current,
      ObjectNode document,
      Instant at,
      List<MembershipChange> changes,
      Caller author) {
    return update(
        accountId,
        current,
        document,
        at,
        changes,
        java.util.Objects.requireNonNull(author, "author"));
  }

  /**
   * Writes the group if it is still at {@code current}'s version; by hand (author not null) only if
   * it is not SCIM-managed either, decided by the statement that claims the row, and the result
   * stays unmanaged. A SCIM write makes the group managed.
   */
  private Optional<StoredResource> update(
      String accountId,
      StoredResource current,
      ObjectNode document,
      Instant at,
      List<MembershipChange> changes,
      Caller author) {
    boolean managed = author == null;
    try {
      return Transactions.inTransaction(
          jdbi,
          handle -> {
            // Claims the row (a lock on PostgreSQL) and checks that nobody wrote it meanwhile.
            int claimed =
                handle
                    .createUpdate(
                        "UPDATE staff_groups SET version = version WHERE account_id = ? AND id = ?"
                            + " AND version = ? AND scim_managed IN (?, ?)")
                    .bind(0, accountId)
                    .bind(1, current.id())
                    .bind(2, current.version())
                    .bind(3, false)
                    .bind(4, managed)
                    .execute();
            if (claimed == 0) {
              return Optional.<StoredResource>empty();
            }
            int changedRows = 0;
            for (MembershipChange change : changes) {
              changedRows += memberships.apply(handle, accountId, current.id(), change);
            }
            EventSource source = managed ? EventSource.SCIM : EventSource.MANUAL;
            boolean documentChanged = !document.equals(current.document());
            if (!documentChanged && changedRows == 0) {
              if (!managed) {
                return Optional.of(current);
              }
              if (!current.scimManaged()) {
                outbox.write(
                    handle,
                    ChangeEvents.groupUpdated(
                        accountId,
                        source,
                        new StoredResource(
                            current.id(),
                            current.document(),
                            current.created(),
                            current.lastModified(),
                            current.version(),
                            true),
                        List.of(ChangeEvents.MANAGED_BY)));
                handle
                    .createUpdate(
                        "UPDATE staff_groups SET scim_managed = ? WHERE account_id = ? AND id = ?")
                    .bind(0, true)
                    .bind(1, accountId)
                    .bind(2, current.id())
                    .execute();
              }
              return Optional.of(
                  new StoredResource(
                      current.id(),
                      current.document(),
                      current.created(),
                      current.lastModified(),
                      current.version(),
                      true));
            }
            StoredResource written =
                new StoredResource(
                    current.id(), document, current.created(), at, current.version() + 1, managed);
            String displayName = text(document, "displayName");
            handle
                .createUpdate(
                    "UPDATE staff_groups SET display_name = ?, display_name_key = ?, external_id = ?,"
                        + " scim_managed = ?, last_modified = ?, version = ?, document = ?"
                        + " WHERE account_id = ? AND id = ?")
                .bind(0, displayName)
                .bind(1, StaffColumns.key(displayName))
                .bind(2, text(document, "externalId"))
                .bind(3, managed)
                .bind(4, at.toEpochMilli())
                .bind(5, written.version())
                .bind(6, ResourceRows.serialise(document))
                .bind(7, accountId)
                .bind(8, current.id())
                .execute();
            List<ChangeEvent> events = new java.util.ArrayList<>();
            List<String> changed = ChangedAttributes.between(current.document(), document);
            if (managed && !current.scimManaged()) {
              changed = new java.util.ArrayList<>(changed);
              changed.add(ChangeEvents.MANAGED_BY);
            }
            if (!changed.isEmpty()) {
              events.add(ChangeEvents.groupUpdated(accountId, source, written, changed));
            }
            if (changedRows > 0) {
              events.addAll(
                  ChangeEvents.membershipChanged(accountId, source, current.id(), at, changes));
            }
            outbox.write(handle, events);
            if (author != null) {
              ManualChangeLog.record(
                  handle,
                  accountId,
                  ManualChangeLog.Resource.GROUP,
                  current.id(),
                  "edit",
                  author,
                  written.version(),
                  at);
            }
            return Optional.of(written);
          });
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  @Override
  public boolean delete(String accountId, String groupId, Instant at) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          if (!deleteClaimed(handle, accountId, groupId)) {
            return false;
          }
          outbox.write(handle, ChangeEvents.groupDeleted(accountId, EventSource.SCIM, groupId, at));
          return true;
        });
  }

  private static boolean deleteClaimed(Handle handle, String accountId, String groupId) {
    handle
        .createUpdate("DELETE FROM group_members WHERE account_id = ? AND group_id = ?")
        .bind(0, accountId)
        .bind(1, groupId)
        .execute();
    return handle
            .createUpdate("DELETE FROM staff_groups WHERE account_id = ? AND id = ?")
            .bind(0, accountId)
            .bind(1, groupId)
            .execute()
        == 1;
  }

  @Override
  public boolean deleteByHand(
      String accountId, String groupId, long expectedVersion, Instant at, Caller author) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          int claimed =
              handle
                  .createUpdate(
                      "UPDATE staff_groups SET version = version WHERE account_id = ? AND id = ?"
                          + " AND version = ? AND scim_managed = ?")
                  .bind(0, accountId)
                  .bind(1, groupId)
                  .bind(2, expectedVersion)
                  .bind(3, false)
                  .execute();
          if (claimed == 0) {
            return false;
          }
          deleteClaimed(handle, accountId, groupId);
          outbox.write(
              handle, ChangeEvents.groupDeleted(accountId, EventSource.MANUAL, groupId, at));
          ManualChangeLog.record(
              handle,
              accountId,
              ManualChangeLog.Resource.GROUP,
              groupId,
              "delete",
              author,
              null,
              at);
          return true;
        });
  }

  @Override
  public void forEachMember(String accountId, String groupId, Consumer<GroupMember> consumer) {
    Transactions.streamingRead(
        jdbi,
        dialect,
        handle ->
            handle
                .createQuery(MEMBERS)
                .bind(0, accountId)
                .bind(1, groupId)
                .setFetchSize(STREAM_FETCH_SIZE)
                .map(
                    (rs, ctx) ->
                        new GroupMember(
                            rs.getString(1),
                            display(rs.getString(2), rs.getString(3), rs.getString(4))))
                .useStream(members -> members.forEach(consumer)));
  }

  private static String display(String displayName, String givenName, String familyName) {
    if (displayName != null) {
      return displayName;
    }
    String joined =
        ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName))
            .strip();
    return joined.isEmpty() ? null : joined;
  }

  @Override
  public ListPage list(String accountId, ListRequest request) {
    return queries.list(accountId, request);
  }
}
