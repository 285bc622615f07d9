package com.classlark.scim.store;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DuplicateKeyException;
import com.classlark.scim.directory.GroupMember;
import com.classlark.scim.directory.GroupStore;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.events.ChangeEvents;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link GroupStore} over JDBC: each write one transaction of the group's row ({@link GroupRows}),
 * its membership set operations ({@link GroupMemberships}, {@link GroupMemberChanges}), its change
 * events and, by hand, the record of its author.
 */
public final class JdbcGroupStore implements GroupStore {
  private static final int STREAM_FETCH_SIZE = 1000;

  /** A group's members with their names, in id order, for a full read. */
  static final String MEMBERS =
      "SELECT m.member_id, s.display_name, s.given_name, s.family_name FROM group_members m"
          + " JOIN staff s ON s.account_id = m.account_id AND s.id = m.member_id"
          + " WHERE m.account_id = ? AND m.group_id = ? ORDER BY m.member_id";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final GroupMemberships memberships;
  private final GroupMemberChanges memberChanges;
  private final ResourceQueries queries;
  private final Outbox outbox;

  public JdbcGroupStore(Database database) {
    this.jdbi = database.jdbi();
    this.outbox = new Outbox(database);
    this.dialect = database.dialect();
    this.memberships = new GroupMemberships(dialect);
    this.memberChanges = new GroupMemberChanges(jdbi, memberships, outbox);
    this.queries = new ResourceQueries(database, QueryTable.GROUPS, ResourceTypes.GROUP);
  }

  @Override
  public void insert(String accountId, StoredResource group, List<String> memberIds) {
    insert(accountId, group, memberIds, null);
  }

  @Override
  public void insertByHand(
      String accountId, StoredResource group, List<String> memberIds, Caller author) {
    insert(accountId, group, memberIds, Objects.requireNonNull(author, "author"));
  }

  /** Inserts the group, and the record of its author when made by hand (author not null). */
  private void insert(
      String accountId, StoredResource group, List<String> memberIds, Caller author) {
    EventSource source = author == null ? EventSource.SCIM : EventSource.MANUAL;
    try {
      Transactions.useTransaction(
          jdbi,
          handle -> {
            GroupRows.insert(handle, accountId, group);
            outbox.write(handle, ChangeEvents.groupCreated(accountId, source, group));
            MembershipEvents events =
                new MembershipEvents(
                    outbox, handle, accountId, source, group.id(), group.lastModified());
            memberships.apply(
                handle,
                accountId,
                group.id(),
                MembershipEdit.of(List.of(new MembershipChange.AddMembers(memberIds))),
                events);
            events.finish();
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
    return jdbi.withHandle(handle -> GroupRows.find(handle, accountId, groupId));
  }

  @Override
  public Optional<StoredResource> changeMembers(
      String accountId, String groupId, Instant at, List<MembershipChange> changes) {
    return memberChanges.change(accountId, groupId, at, changes);
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
        accountId, current, document, at, changes, Objects.requireNonNull(author, "author"));
  }

  /**
   * Writes the group if it is still at {@code current}'s version; by hand (author not null) only if
   * it is not SCIM-managed either, decided by the statement that claims the row, and the result
   * stays unmanaged. A SCIM write makes the group managed. The membership events come first, then
   * {@code group.updated}.
   */
  private Optional<StoredResource> update(
      String accountId,
      StoredResource current,
      ObjectNode document,
      Instant at,
      List<MembershipChange> changes,
      Caller author) {
    boolean managed = author == null;
    EventSource source = managed ? EventSource.SCIM : EventSource.MANUAL;
    try {
      return Transactions.inTransaction(
          jdbi,
          handle -> {
            if (!GroupRows.claim(handle, accountId, current.id(), current.version(), managed)) {
              return Optional.<StoredResource>empty();
            }
            MembershipEvents events =
                new MembershipEvents(outbox, handle, accountId, source, current.id(), at);
            memberships.apply(handle, accountId, current.id(), MembershipEdit.of(changes), events);
            int changedRows = events.finish();
            boolean documentChanged = !document.equals(current.document());
            if (!documentChanged && changedRows == 0) {
              return Optional.of(unchanged(handle, accountId, current, managed));
            }
            StoredResource written =
                new StoredResource(
                    current.id(), document, current.created(), at, current.version() + 1, managed);
            GroupRows.write(handle, accountId, written);
            List<String> changed =
                new ArrayList<>(ChangedAttributes.between(current.document(), document));
            if (managed && !current.scimManaged()) {
              changed.add(ChangeEvents.MANAGED_BY);
            }
            if (!changed.isEmpty()) {
              outbox.write(handle, ChangeEvents.groupUpdated(accountId, source, written, changed));
            }
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

  /**
   * A write that changed nothing: by hand it leaves the group as it is; over SCIM it takes over a
   * hand-made group (an event, no new version).
   */
  private StoredResource unchanged(
      org.jdbi.v3.core.Handle handle, String accountId, StoredResource current, boolean managed) {
    if (!managed) {
      return current;
    }
    StoredResource taken =
        new StoredResource(
            current.id(),
            current.document(),
            current.created(),
            current.lastModified(),
            current.version(),
            true);
    if (!current.scimManaged()) {
      outbox.write(
          handle,
          ChangeEvents.groupUpdated(
              accountId, EventSource.SCIM, taken, List.of(ChangeEvents.MANAGED_BY)));
      GroupRows.markManaged(handle, accountId, current.id());
    }
    return taken;
  }

  @Override
  public boolean delete(String accountId, String groupId, Instant at) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          if (!GroupRows.delete(handle, accountId, groupId)) {
            return false;
          }
          outbox.write(handle, ChangeEvents.groupDeleted(accountId, EventSource.SCIM, groupId, at));
          return true;
        });
  }

  @Override
  public boolean deleteByHand(
      String accountId, String groupId, long expectedVersion, Instant at, Caller author) {
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          if (!GroupRows.claim(handle, accountId, groupId, expectedVersion, false)) {
            return false;
          }
          GroupRows.delete(handle, accountId, groupId);
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
