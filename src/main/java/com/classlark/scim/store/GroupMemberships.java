package com.classlark.scim.store;

import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.protocol.patch.MembershipChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Membership changes as set operations on {@code group_members}, inside the caller's transaction:
 * an add is an insert that ignores present members, a remove a delete by key; neither reads the
 * member list. Only a full replacement (PUT, Okta's push) walks the current members, as it must.
 * PostgreSQL gets one statement per change with the ids as an array; SQLite gets statements of at
 * most {@value #CHUNK} ids.
 */
final class GroupMemberships {
  private static final int CHUNK = 500;
  private static final int STREAM_FETCH_SIZE = 1000;

  /** Adds members, ignoring present ones (PostgreSQL). */
  static final String ADD_MEMBERS =
      "INSERT INTO group_members (account_id, group_id, member_id)"
          + " SELECT :account, :group, member FROM unnest(:ids) AS member ON CONFLICT DO NOTHING";

  /** Removes one membership: all three key columns by equality, so only a key can serve it. */
  static final String REMOVE_MEMBER =
      "DELETE FROM group_members WHERE account_id = ? AND group_id = ? AND member_id = ?";

  /**
   * The ids of :ids that name live staff members of the school, each row share-locked until the
   * transaction ends (PostgreSQL). The lock is what makes the check hold until the new membership
   * commits: a concurrent retirement updates the staff row first, so it waits for this transaction
   * and then deletes the membership it wrote, or it retired the member first, and then this check
   * no longer finds it. Without the lock (the foreign key's own check only takes a key-share lock,
   * which a retirement does not conflict with) the retirement could miss a membership added while
   * it ran and leave a retired member in the group.
   */
  static final String LIVE_MEMBERS =
      "SELECT s.id FROM unnest(:ids) AS wanted JOIN staff s"
          + " ON s.account_id = :account AND s.id = wanted WHERE s.retired_at IS NULL"
          + " FOR SHARE OF s";

  private final Dialect dialect;

  GroupMemberships(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Applies one request's adds and removes, in order, after checking every member it adds: a
   * request that names an unknown member writes nothing. Returns how many membership rows changed.
   *
   * @throws UnknownMembersException naming the added ids that are no live staff of the school
   */
  int applySetOperations(
      Handle handle, String accountId, String groupId, List<MembershipChange> changes) {
    List<String> added = new ArrayList<>();
    for (MembershipChange change : changes) {
      if (change instanceof MembershipChange.AddMembers(var ids)) {
        added.addAll(ids);
      }
    }
    requireLiveStaff(handle, accountId, added);
    int changed = 0;
    for (MembershipChange change : changes) {
      changed +=
          switch (change) {
            case MembershipChange.AddMembers(var ids) -> add(handle, accountId, groupId, ids);
            case MembershipChange.RemoveMembers(var ids) -> remove(handle, accountId, groupId, ids);
            case MembershipChange.RemoveAllMembers() ->
                throw new IllegalArgumentException("not a set operation: " + change);
            case MembershipChange.ReplaceMembers(var ids) ->
                throw new IllegalArgumentException("not a set operation: " + change);
          };
    }
    return changed;
  }

  /** Applies one membership change; returns how many membership rows it added or removed. */
  int apply(Handle handle, String accountId, String groupId, MembershipChange change) {
    return switch (change) {
      case MembershipChange.AddMembers(var ids) -> {
        requireLiveStaff(handle, accountId, ids);
        yield add(handle, accountId, groupId, ids);
      }
      case MembershipChange.RemoveMembers(var ids) -> remove(handle, accountId, groupId, ids);
      case MembershipChange.RemoveAllMembers() ->
          handle
              .createUpdate("DELETE FROM group_members WHERE account_id = ? AND group_id = ?")
              .bind(0, accountId)
              .bind(1, groupId)
              .execute();
      case MembershipChange.ReplaceMembers(var ids) -> {
        requireLiveStaff(handle, accountId, ids);
        Set<String> wanted = new HashSet<>(ids);
        List<String> leaving = new ArrayList<>();
        handle
            .createQuery(
                "SELECT member_id FROM group_members WHERE account_id = ? AND group_id = ?")
            .bind(0, accountId)
            .bind(1, groupId)
            .setFetchSize(STREAM_FETCH_SIZE)
            .mapTo(String.class)
            .useStream(
                members ->
                    members.filter(member -> !wanted.contains(member)).forEach(leaving::add));
        yield remove(handle, accountId, groupId, leaving) + add(handle, accountId, groupId, ids);
      }
    };
  }

  int add(Handle handle, String accountId, String groupId, List<String> ids) {
    if (dialect == Dialect.POSTGRESQL) {
      // One statement whatever the number of ids; the array keeps the plan on the primary key.
      return ids.isEmpty()
          ? 0
          : handle
              .createUpdate(ADD_MEMBERS)
              .bind("account", accountId)
              .bind("group", groupId)
              .bindArray("ids", String.class, ids)
              .execute();
    }
    int added = 0;
    for (List<String> chunk : chunks(ids)) {
      // One multi-row insert per chunk: one round trip, and the count of rows really added.
      StringBuilder sql =
          new StringBuilder("INSERT INTO group_members (account_id, group_id, member_id) VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
      }
      sql.append(" ON CONFLICT DO NOTHING");
      var insert = handle.createUpdate(sql.toString());
      int position = 0;
      for (String id : chunk) {
        insert.bind(position++, accountId).bind(position++, groupId).bind(position++, id);
      }
      added += insert.execute();
    }
    return added;
  }

  private int remove(Handle handle, String accountId, String groupId, List<String> ids) {
    if (dialect == Dialect.POSTGRESQL) {
      // One statement per id, sent as one batch: with member_id = ANY(?) on the key's third column
      // and no statistics, PostgreSQL filtered the group's rows instead (a walk of 100,000
      // members).
      if (ids.isEmpty()) {
        return 0;
      }
      PreparedBatch batch = handle.prepareBatch(REMOVE_MEMBER);
      for (String id : ids) {
        batch.bind(0, accountId).bind(1, groupId).bind(2, id).add();
      }
      return java.util.Arrays.stream(batch.execute()).sum();
    }
    int removed = 0;
    for (List<String> chunk : chunks(ids)) {
      removed +=
          handle
              .createUpdate(
                  "DELETE FROM group_members WHERE account_id = :account AND group_id = :group"
                      + " AND member_id IN (<ids>)")
              .bind("account", accountId)
              .bind("group", groupId)
              .bindList("ids", chunk)
              .execute();
    }
    return removed;
  }

  /** Refuses ids that name no live staff member of the school, naming them. */
  void requireLiveStaff(Handle handle, String accountId, List<String> ids) {
    List<String> unknown = new ArrayList<>();
    if (dialect == Dialect.POSTGRESQL && !ids.isEmpty()) {
      Set<String> live =
          new HashSet<>(
              handle
                  .createQuery(LIVE_MEMBERS)
                  .bind("account", accountId)
                  .bindArray("ids", String.class, ids)
                  .mapTo(String.class)
                  .list());
      ids.stream().filter(id -> !live.contains(id)).forEach(unknown::add);
    }
    for (List<String> chunk :
        dialect == Dialect.POSTGRESQL ? List.<List<String>>of() : chunks(ids)) {
      Set<String> found =
          new HashSet<>(
              handle
                  .createQuery(
                      "SELECT id FROM staff WHERE account_id = :account AND retired_at IS NULL"
                          + " AND id IN (<ids>)")
                  .bind("account", accountId)
                  .bindList("ids", chunk)
                  .mapTo(String.class)
                  .list());
      chunk.stream().filter(id -> !found.contains(id)).forEach(unknown::add);
    }
    if (!unknown.isEmpty()) {
      throw new UnknownMembersException(unknown);
    }
  }

  /** The ids in lists of at most {@value #CHUNK}, for {@code IN (<ids>)} lists of any length. */
  static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + CHUNK)));
    }
    return chunks;
  }
}
