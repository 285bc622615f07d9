package com.classlark.scim.directory;

/**
 * One member of a staff group as read from the membership table, with the staff member's current
 * name.
 *
 * @param display the member's display name, or {@code null} when the staff record has none
 */
public record GroupMember(String id, String display) {}
