package com.classlark.scim.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Membership set operations on SQLite: statements of at most {@value InLists#CHUNK} ids ({@link
 * InLists}). Writes are serialised by SQLite's one write lock.
 */
final class SqliteMembershipStatements implements MembershipStatements {
  @Override
  public List<String> insert(Handle handle, String accountId, String groupId, List<String> ids) {
    List<String> added = new ArrayList<>();
    for (List<String> chunk : InLists.chunks(ids)) {
      // One multi-row insert per chunk: one round trip, returning the rows really added.
      StringBuilder sql =
          new StringBuilder("INSERT INTO group_members (account_id, group_id, member_id) VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
      }
      sql.append(" ON CONFLICT DO NOTHING RETURNING member_id");
      Query insert = handle.createQuery(sql.toString());
      int position = 0;
      for (String id : chunk) {
        insert.bind(position++, accountId).bind(position++, groupId).bind(position++, id);
      }
      added.addAll(insert.mapTo(String.class).list());
    }
    return added;
  }

  @Override
  public List<String> delete(Handle handle, String accountId, String groupId, List<String> ids) {
    List<String> removed = new ArrayList<>();
    for (List<String> chunk : InLists.chunks(ids)) {
      removed.addAll(
          handle
              .createQuery(
                  "DELETE FROM group_members WHERE account_id = :account AND group_id = :group"
                      + " AND member_id IN (<ids>) RETURNING member_id")
              .bind("account", accountId)
              .bind("group", groupId)
              .bindList("ids", chunk)
              .mapTo(String.class)
              .list());
    }
    return removed;
  }

  /** Two statements: SQLite runs in the process, so a statement costs no round trip. */
  @Override
  public Optional<Set<String>> liveInGroup(
      Handle handle, String accountId, String groupId, List<String> ids) {
    if (!GroupRows.exists(handle, accountId, groupId)) {
      return Optional.empty();
    }
    return Optional.of(new HashSet<>(live(handle, accountId, ids)));
  }

  @Override
  public List<String> live(Handle handle, String accountId, List<String> ids) {
    List<String> live = new ArrayList<>();
    for (List<String> chunk : InLists.chunks(ids)) {
      live.addAll(
          handle
              .createQuery(
                  "SELECT id FROM staff WHERE account_id = :account AND retired_at IS NULL"
                      + " AND id IN (<ids>)")
              .bind("account", accountId)
              .bindList("ids", chunk)
              .mapTo(String.class)
              .list());
    }
    return live;
  }
}
