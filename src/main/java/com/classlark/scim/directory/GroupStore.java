package com.classlark.scim.directory;

import com.classlark.scim.protocol.patch.MembershipChange;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Persistence of staff groups (SCIM Groups). The group document never holds its members: they live
 * in the membership table and change by set operations, whatever the group's size. Every method is
 * scoped by the school's account id. Every write commits together with its change events (source
 * {@code scim}, or {@code manual} for the {@code …ByHand} methods).
 */
public interface GroupStore {
  /**
   * Inserts a group with its first members.
   *
   * @throws DuplicateKeyException when the school has a group of that displayName (any case)
   * @throws UnknownMembersException when a member id names no live staff member of the school
   */
  void insert(String accountId, StoredResource group, List<String> memberIds);

  /**
   * {@link #insert} of a group made by hand (not SCIM-managed), recording who made it in the same
   * transaction.
   */
  void insertByHand(String accountId, StoredResource group, List<String> memberIds, Caller author);

  Optional<StoredResource> find(String accountId, String groupId);

  /**
   * Writes the group's new document and its membership changes in one transaction, if the group is
   * still at {@code current}'s version. The version advances (once) only when the document or the
   * membership actually changed; the result is SCIM-managed.
   *
   * @param at the time of the change, for {@code meta.lastModified}
   * @return the group as it now is, or empty when it changed or disappeared meanwhile
   * @throws DuplicateKeyException when the new displayName belongs to another group
   * @throws UnknownMembersException when an added member names no live staff member of the school
   */
  Optional<StoredResource> update(
      String accountId,
      StoredResource current,
      com.fasterxml.jackson.databind.node.ObjectNode document,
      java.time.Instant at,
      List<MembershipChange> changes);

  /**
   * {@link #update} by hand: only while the group is at {@code current}'s version and not
   * SCIM-managed, checked by the statement that claims the group's row; the result stays unmanaged
   * and the change is recorded with its author in the same transaction.
   *
   * @return the group as it now is, or empty when it changed, became SCIM-managed or disappeared
   *     meanwhile
   */
  Optional<StoredResource> updateByHand(
      String accountId,
      StoredResource current,
      com.fasterxml.jackson.databind.node.ObjectNode document,
      java.time.Instant at,
      List<MembershipChange> changes,
      Caller author);

  /**
   * Applies membership changes alone, whatever version the group has meanwhile: set operations
   * commute, so concurrent changes to one group queue on its row instead of failing. The version
   * advances once when a membership row was actually added or removed.
   *
   * @return the group as it now is, or empty when there is no such group
   * @throws UnknownMembersException when an added member names no live staff member of the school
   */
  Optional<StoredResource> changeMembers(
      String accountId, String groupId, java.time.Instant at, List<MembershipChange> changes);

  /**
   * Deletes the group and its memberships, with its change event dated {@code at}; false when there
   * was no such group.
   */
  boolean delete(String accountId, String groupId, java.time.Instant at);

  /**
   * Deletes the group by hand, only while it is at {@code expectedVersion} and not SCIM-managed,
   * recording who did it in the same transaction.
   *
   * @return false when the group changed, became SCIM-managed or disappeared meanwhile
   */
  boolean deleteByHand(
      String accountId, String groupId, long expectedVersion, java.time.Instant at, Caller author);

  /** Streams the group's members in id order, with their current names, without building a list. */
  void forEachMember(String accountId, String groupId, Consumer<GroupMember> consumer);

  /**
   * One page of the school's groups matching the request.
   *
   * @throws CursorMismatchException when the request's cursor position does not fit its query
   */
  ListPage list(String accountId, ListRequest request);
}
