package com.classlark.scim.directory.events;

/**
 * The kinds of change the change feed reports (issue 15); {@link #wireName()} is the API's name.
 */
public enum EventType {
  STAFF_CREATED("staff.created"),
  STAFF_UPDATED("staff.updated"),
  STAFF_DEACTIVATED("staff.deactivated"),
  STAFF_REACTIVATED("staff.reactivated"),
  STAFF_DELETED("staff.deleted"),
  STAFF_RELEASED("staff.released"),
  GROUP_CREATED("group.created"),
  GROUP_UPDATED("group.updated"),
  GROUP_DELETED("group.deleted"),
  GROUP_RELEASED("group.released"),
  GROUP_MEMBERS_ADDED("group.members_added"),
  GROUP_MEMBERS_REMOVED("group.members_removed");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The type as the API writes it, e.g. {@code staff.deactivated}. */
  public String wireName() {
    return wireName;
  }

  /** The type of a stored wire name. */
  public static EventType ofWireName(String wireName) {
    for (EventType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no event type " + wireName);
  }
}
