package com.classlark.scim.store;

import com.classlark.scim.directory.UnknownMembersException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Membership changes as set operations on {@code group_members}, inside the caller's transaction:
 * an add is an insert that ignores present members, a remove a delete by key; neither reads the
 * member list, and each reports the memberships it really changed to {@link MembershipEvents}. Only
 * a full replacement (PUT, Okta's push) walks the current members, as it must, a page of {@value
 * #PAGE} at a time, so that its memory does not grow with the group.
 */
final class GroupMemberships {
  private static final int PAGE = InLists.CHUNK;

  /** The next page of a group's members after a member id, in the primary key's order. */
  static final String MEMBERS_AFTER =
      "SELECT member_id FROM group_members WHERE account_id = ? AND group_id = ? AND member_id > ?"
          + " ORDER BY member_id LIMIT ?";

  /** Ends every membership of one staff member, returning the groups it was in. */
  static final String LEAVE_EVERY_GROUP =
      "DELETE FROM group_members WHERE account_id = ? AND member_id = ? RETURNING group_id";

  private final MembershipStatements statements;

  GroupMemberships(Dialect dialect) {
    this.statements = MembershipStatements.of(dialect);
  }

  /**
   * Applies one request's membership edit after checking every member it names: a request that
   * names an unknown member writes nothing. The differences go to {@code events}.
   *
   * @throws UnknownMembersException naming the ids that are no live staff of the school
   */
  void apply(
      Handle handle,
      String accountId,
      String groupId,
      MembershipEdit edit,
      MembershipEvents events) {
    requireLiveStaff(handle, accountId, edit.named());
    applyChecked(handle, accountId, groupId, edit, events);
  }

  /** {@link #apply} for an edit whose named members the caller has already found live. */
  void applyChecked(
      Handle handle,
      String accountId,
      String groupId,
      MembershipEdit edit,
      MembershipEvents events) {
    if (edit.replaces()) {
      removeAllBut(handle, accountId, groupId, new HashSet<>(edit.added()), events);
    } else {
      events.removed(statements.delete(handle, accountId, groupId, edit.removed()));
    }
    events.added(statements.insert(handle, accountId, groupId, edit.added()));
  }

  /** Ends the membership of every member not kept, walking the group a page at a time. */
  private void removeAllBut(
      Handle handle, String accountId, String groupId, Set<String> kept, MembershipEvents events) {
    String after = "";
    while (true) {
      List<String> page =
          handle
              .createQuery(MEMBERS_AFTER)
              .bind(0, accountId)
              .bind(1, groupId)
              .bind(2, after)
              .bind(3, PAGE)
              .mapTo(String.class)
              .list();
      if (page.isEmpty()) {
        return;
      }
      List<String> leaving = page.stream().filter(id -> !kept.contains(id)).toList();
      events.removed(statements.delete(handle, accountId, groupId, leaving));
      if (page.size() < PAGE) {
        return;
      }
      after = page.get(page.size() - 1);
    }
  }

  /**
   * Ends every membership of a staff member who is being retired.
   *
   * @return the ids of the groups the member was in
   */
  List<String> leaveEveryGroup(Handle handle, String accountId, String staffId) {
    return handle
        .createQuery(LEAVE_EVERY_GROUP)
        .bind(0, accountId)
        .bind(1, staffId)
        .mapTo(String.class)
        .list();
  }

  /**
   * The ids that name live staff of the school, share-locked (see {@link MembershipStatements}).
   */
  Set<String> live(Handle handle, String accountId, List<String> ids) {
    return new HashSet<>(statements.live(handle, accountId, ids));
  }

  /**
   * Whether the group exists and, when it does, which of the ids name live staff, share-locked (see
   * {@link MembershipStatements#liveInGroup}).
   */
  Optional<Set<String>> liveInGroup(
      Handle handle, String accountId, String groupId, List<String> ids) {
    return statements.liveInGroup(handle, accountId, groupId, ids);
  }

  /** Inserts the memberships, ignoring present ones; returns the ids that were not members. */
  List<String> insert(Handle handle, String accountId, String groupId, List<String> ids) {
    return statements.insert(handle, accountId, groupId, ids);
  }

  /** Deletes the memberships; returns the ids that were members. */
  List<String> delete(Handle handle, String accountId, String groupId, List<String> ids) {
    return statements.delete(handle, accountId, groupId, ids);
  }

  /** Refuses ids that name no live staff member of the school, naming them. */
  void requireLiveStaff(Handle handle, String accountId, List<String> ids) {
    Set<String> live = live(handle, accountId, ids);
    List<String> unknown = new ArrayList<>();
    ids.stream().filter(id -> !live.contains(id)).forEach(unknown::add);
    if (!unknown.isEmpty()) {
      throw new UnknownMembersException(unknown);
    }
  }
}
