package com.classlark.scim.directory;

import java.util.List;

/**
 * The reads of ClassLark's own Staff section, each on an index whatever the page: staff by name,
 * groups by display name, a group's members by id. Every method is scoped by the school's account
 * id; retired staff are never listed.
 */
public interface StaffSectionStore {
  /** One page of the school's live staff (see {@link SectionQuery}). */
  SectionPage staff(String accountId, SectionQuery query);

  /**
   * One page of the school's groups ordered by display name (case-folded), then id.
   *
   * @param after the {@link SectionPage#nextKey()} of the previous page; null for the first
   */
  SectionPage groups(String accountId, List<String> after, int limit);

  /** How many members the group has; 0 for a group that does not exist. */
  long memberCount(String accountId, String groupId);

  /** Up to {@code limit} members of the group in id order, after {@code afterId} (null: first). */
  List<SectionMember> members(String accountId, String groupId, String afterId, int limit);
}
