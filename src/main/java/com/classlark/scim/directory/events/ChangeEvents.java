package com.classlark.scim.directory.events;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.directory.section.StaffMember;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The events of each kind of change, with their payloads (docs/events.md): staff events carry the
 * Staff record as the directory API shows it, group events the group, membership events the ids of
 * the members that really joined or left. The stores call these in the transaction of the change.
 */
public final class ChangeEvents {
  /** The changed-attribute name of a record that SCIM took over or support released. */
  public static final String MANAGED_BY = "managedBy";

  private ChangeEvents() {}

  public static ChangeEvent staffCreated(String school, EventSource source, StoredResource staff) {
    return event(
        EventType.STAFF_CREATED, school, staff.id(), source, staff.lastModified(), staff(staff));
  }

  /**
   * A change of a staff record: {@code staff.deactivated} or {@code staff.reactivated} when {@code
   * active} changed, {@code staff.updated} otherwise; each with the changed attribute names.
   */
  public static ChangeEvent staffChanged(
      String school, EventSource source, StoredResource staff, List<String> changes) {
    EventType type = EventType.STAFF_UPDATED;
    if (changes.contains("active")) {
      type =
          staff.document().path("active").asBoolean(true)
              ? EventType.STAFF_REACTIVATED
              : EventType.STAFF_DEACTIVATED;
    }
    ObjectNode data = staff(staff);
    data.putArray("changes").addAll(changes.stream().map(TextNode::valueOf).toList());
    return event(type, school, staff.id(), source, staff.lastModified(), data);
  }

  /** DELETE over SCIM or a manual delete: the record (inactive) leaves SCIM and every group. */
  public static ChangeEvent staffDeleted(String school, EventSource source, StoredResource staff) {
    return event(
        EventType.STAFF_DELETED, school, staff.id(), source, staff.lastModified(), staff(staff));
  }

  public static ChangeEvent staffReleased(String school, StoredResource staff) {
    return event(
        EventType.STAFF_RELEASED,
        school,
        staff.id(),
        EventSource.SUPPORT,
        staff.lastModified(),
        staff(staff));
  }

  public static ChangeEvent groupCreated(String school, EventSource source, StoredResource group) {
    return event(
        EventType.GROUP_CREATED, school, group.id(), source, group.lastModified(), group(group));
  }

  public static ChangeEvent groupUpdated(
      String school, EventSource source, StoredResource group, List<String> changes) {
    ObjectNode data = group(group);
    data.putArray("changes").addAll(changes.stream().map(TextNode::valueOf).toList());
    return event(EventType.GROUP_UPDATED, school, group.id(), source, group.lastModified(), data);
  }

  public static ChangeEvent groupDeleted(
      String school, EventSource source, String groupId, Instant at) {
    ObjectNode data = Json.object();
    data.putObject("group").put("id", groupId);
    return event(EventType.GROUP_DELETED, school, groupId, source, at, data);
  }

  public static ChangeEvent groupReleased(String school, StoredResource group) {
    return event(
        EventType.GROUP_RELEASED,
        school,
        group.id(),
        EventSource.SUPPORT,
        group.lastModified(),
        group(group));
  }

  /**
   * The most member ids one membership event holds. A change of more members (replacing a group of
   * 100,000) is reported as several events of the same type, so that an event, and a page of the
   * feed, stays small whatever the size of the group.
   */
  public static final int MAX_MEMBER_IDS = 500;

  /** Members that one change made members of a group, and that were not members before it. */
  public static ChangeEvent membersAdded(
      String school, EventSource source, String groupId, Instant at, Collection<String> memberIds) {
    return event(
        EventType.GROUP_MEMBERS_ADDED, school, groupId, source, at, members(groupId, memberIds));
  }

  /** Members whose membership of a group one change ended (a removal, a replacement, a delete). */
  public static ChangeEvent membersRemoved(
      String school, EventSource source, String groupId, Instant at, Collection<String> memberIds) {
    return event(
        EventType.GROUP_MEMBERS_REMOVED, school, groupId, source, at, members(groupId, memberIds));
  }

  private static ObjectNode members(String groupId, Collection<String> ids) {
    if (ids.isEmpty() || ids.size() > MAX_MEMBER_IDS) {
      throw new IllegalArgumentException(
          "a membership event names 1 to " + MAX_MEMBER_IDS + " members, not " + ids.size());
    }
    ObjectNode data = Json.object();
    data.put("groupId", groupId);
    data.putArray("memberIds").addAll(ids.stream().map(TextNode::valueOf).toList());
    return data;
  }

  private static ObjectNode staff(StoredResource staff) {
    ObjectNode data = Json.object();
    data.set("staff", StaffMember.of(staff).toJson());
    return data;
  }

  private static ObjectNode group(StoredResource group) {
    ObjectNode data = Json.object();
    ObjectNode node = data.putObject("group");
    node.put("id", group.id());
    node.put("displayName", group.document().path("displayName").asText(null));
    node.put(
        "externalId",
        group.document().hasNonNull("externalId")
            ? group.document().get("externalId").asText()
            : null);
    node.put(MANAGED_BY, group.scimManaged() ? "scim" : null);
    node.put("createdAt", group.created().toString());
    node.put("lastModified", group.lastModified().toString());
    node.put("version", Versions.etag(group.version()));
    return data;
  }

  private static ChangeEvent event(
      EventType type,
      String school,
      String resourceId,
      EventSource source,
      Instant at,
      ObjectNode data) {
    return new ChangeEvent(EventIds.next(), type, at, school, resourceId, source, data);
  }
}
