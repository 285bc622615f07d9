package com.classlark.scim.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Membership set operations on PostgreSQL: the ids as one array, whatever their number. */
final class PostgresMembershipStatements implements MembershipStatements {
  /** Adds members, ignoring present ones, and returns the ids it added. */
  static final String ADD_MEMBERS =
      "INSERT INTO group_members (account_id, group_id, member_id)"
          + " SELECT :account, :group, member FROM unnest(:ids) AS member ON CONFLICT DO NOTHING"
          + " RETURNING member_id";

  /** Removes one membership: all three key columns by equality, so only a key can serve it. */
  static final String REMOVE_MEMBER =
      "DELETE FROM group_members WHERE account_id = ? AND group_id = ? AND member_id = ?";

  /**
   * The ids of :ids that name live staff members of the school, each row share-locked until the
   * transaction ends. The lock is what makes the check hold until the new membership commits: a
   * concurrent retirement updates the staff row first, so it waits for this transaction and then
   * deletes the membership it wrote, or it retired the member first, and then this check no longer
   * finds it. Without the lock (the foreign key's own check only takes a key-share lock, which a
   * retirement does not conflict with) the retirement could miss a membership added while it ran
   * and leave a retired member in the group.
   *
   * <p>Each id is looked up on its own, in a lateral subquery whose only condition is the primary
   * key's pair of columns, so that no plan can do otherwise. A join of the array to staff let a
   * database without statistics (every school's first sync) walk the whole school and compare every
   * row with every id as soon as the array held a few ids: 3 ms for 8 ids at 2,000 staff, more the
   * larger the school, and each membership batch ran it.
   */
  static final String LIVE_MEMBERS =
      "SELECT live.id FROM unnest(:ids) AS wanted CROSS JOIN LATERAL (SELECT s.id FROM staff s"
          + " WHERE s.account_id = :account AND s.id = wanted AND s.retired_at IS NULL"
          + " FOR SHARE OF s) AS live";

  /**
   * {@link #LIVE_MEMBERS}, and one row of NULL when the group exists: both answers in one round
   * trip. The group's row is only read; its lock is taken by the batch's last statement.
   */
  static final String LIVE_MEMBERS_OF_GROUP =
      LIVE_MEMBERS
          + " UNION ALL SELECT NULL FROM staff_groups WHERE account_id = :account AND id = :group";

  @Override
  public List<String> insert(Handle handle, String accountId, String groupId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    // One statement whatever the number of ids; the array keeps the plan on the primary key.
    return handle
        .createQuery(ADD_MEMBERS)
        .addCustomizer(CachedPlan.INSTANCE)
        .bind("account", accountId)
        .bind("group", groupId)
        .bindArray("ids", String.class, ids)
        .mapTo(String.class)
        .list();
  }

  @Override
  public List<String> delete(Handle handle, String accountId, String groupId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    // One statement per id, sent as one batch: with member_id = ANY(?) on the key's third column
    // and no statistics, PostgreSQL filtered the group's rows instead (a walk of 100,000 members).
    // Each deletes at most one row, so its count says whether the id was a member.
    // Not a cached plan: a generic one takes the member's index and filters the group.
    PreparedBatch batch = handle.prepareBatch(REMOVE_MEMBER);
    for (String id : ids) {
      batch.bind(0, accountId).bind(1, groupId).bind(2, id).add();
    }
    int[] counts = batch.execute();
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        removed.add(ids.get(i));
      }
    }
    return removed;
  }

  @Override
  public Optional<Set<String>> liveInGroup(
      Handle handle, String accountId, String groupId, List<String> ids) {
    // The live ids, and a NULL row when the group exists.
    Set<String> rows =
        new HashSet<>(
            handle
                .createQuery(LIVE_MEMBERS_OF_GROUP)
                .addCustomizer(CachedPlan.INSTANCE)
                .bind("account", accountId)
                .bind("group", groupId)
                .bindArray("ids", String.class, ids)
                .map((row, context) -> row.getString(1))
                .list());
    if (!rows.remove(null)) {
      return Optional.empty();
    }
    return Optional.of(rows);
  }

  @Override
  public List<String> live(Handle handle, String accountId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(LIVE_MEMBERS)
        .bind("account", accountId)
        .bindArray("ids", String.class, ids)
        .mapTo(String.class)
        .list();
  }
}
