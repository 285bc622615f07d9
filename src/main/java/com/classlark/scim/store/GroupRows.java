package com.classlark.scim.store;

import com.classlark.scim.directory.StoredResource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code staff_groups} row of a group, inside the caller's transaction: its typed columns and
 * document, its version (which every change moves, membership included) and its SCIM lock. Every
 * statement finds the row by its primary key.
 */
final class GroupRows {
  /** One group by id: the primary key. */
  static final String FIND =
      "SELECT " + ResourceRows.COLUMNS + " FROM staff_groups WHERE account_id = ? AND id = ?";

  /** Takes the group's row lock (PostgreSQL; SQLite's write transactions are serial anyway). */
  static final String LOCK_GROUP =
      "UPDATE staff_groups SET version = version WHERE account_id = ? AND id = ?";

  /** Marks the group SCIM-managed, advances its version by ? and returns it, in one statement. */
  static final String BUMP_GROUP =
      "UPDATE staff_groups SET scim_managed = ?, version = version + ?,"
          + " last_modified = CASE WHEN ? > 0 THEN ? ELSE last_modified END"
          + " WHERE account_id = ? AND id = ? RETURNING "
          + ResourceRows.COLUMNS;

  private GroupRows() {}

  static void insert(Handle handle, String accountId, StoredResource group) {
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
  }

  static Optional<StoredResource> find(Handle handle, String accountId, String groupId) {
    return handle
        .createQuery(FIND)
        .addCustomizer(CachedPlan.INSTANCE)
        .bind(0, accountId)
        .bind(1, groupId)
        .map(ResourceRows.MAPPER)
        .findOne();
  }

  /**
   * Claims the row (a lock on PostgreSQL) if it is still at {@code version} and, unless {@code
   * managedToo}, not SCIM-managed; false when somebody wrote it meanwhile or it is locked.
   */
  static boolean claim(
      Handle handle, String accountId, String groupId, long version, boolean managedToo) {
    return handle
            .createUpdate(
                "UPDATE staff_groups SET version = version WHERE account_id = ? AND id = ?"
                    + " AND version = ? AND scim_managed IN (?, ?)")
            .bind(0, accountId)
            .bind(1, groupId)
            .bind(2, version)
            .bind(3, false)
            .bind(4, managedToo)
            .execute()
        > 0;
  }

  /** Writes the group's document, columns, version and lock as {@code written} has them. */
  static void write(Handle handle, String accountId, StoredResource written) {
    String displayName = text(written.document(), "displayName");
    handle
        .createUpdate(
            "UPDATE staff_groups SET display_name = ?, display_name_key = ?, external_id = ?,"
                + " scim_managed = ?, last_modified = ?, version = ?, document = ?"
                + " WHERE account_id = ? AND id = ?")
        .bind(0, displayName)
        .bind(1, StaffColumns.key(displayName))
        .bind(2, text(written.document(), "externalId"))
        .bind(3, written.scimManaged())
        .bind(4, written.lastModified().toEpochMilli())
        .bind(5, written.version())
        .bind(6, ResourceRows.serialise(written.document()))
        .bind(7, accountId)
        .bind(8, written.id())
        .execute();
  }

  /** Marks the group SCIM-managed without another change (SCIM took over a hand-made group). */
  static void markManaged(Handle handle, String accountId, String groupId) {
    handle
        .createUpdate("UPDATE staff_groups SET scim_managed = ? WHERE account_id = ? AND id = ?")
        .bind(0, true)
        .bind(1, accountId)
        .bind(2, groupId)
        .execute();
  }

  /**
   * Marks the group SCIM-managed and, when {@code changedRows} is positive, advances its version
   * once, dated {@code at}; returns the group, empty when there is none.
   */
  static Optional<StoredResource> bump(
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

  /**
   * Advances the version of groups a retired member left, dated {@code at}, in id order so that
   * concurrent retirements take the groups' row locks in the same order.
   */
  static void bumpAll(Handle handle, String accountId, List<String> groupIds, Instant at) {
    if (groupIds.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE staff_groups SET version = version + 1, last_modified = ?"
                + " WHERE account_id = ? AND id = ?");
    for (String groupId : groupIds.stream().sorted().toList()) {
      batch.bind(0, at.toEpochMilli()).bind(1, accountId).bind(2, groupId).add();
    }
    batch.execute();
  }

  /** Takes the group's row lock; false when there is no such group. */
  static boolean lock(Handle handle, String accountId, String groupId) {
    return handle
            .createUpdate(LOCK_GROUP)
            .addCustomizer(CachedPlan.INSTANCE)
            .bind(0, accountId)
            .bind(1, groupId)
            .execute()
        > 0;
  }

  static boolean exists(Handle handle, String accountId, String groupId) {
    return handle
        .createQuery("SELECT 1 FROM staff_groups WHERE account_id = ? AND id = ?")
        .bind(0, accountId)
        .bind(1, groupId)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /** Deletes the group with its memberships; false when there was no such group. */
  static boolean delete(Handle handle, String accountId, String groupId) {
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

  private static String text(ObjectNode document, String field) {
    return document.hasNonNull(field) ? document.get(field).asText() : null;
  }
}
