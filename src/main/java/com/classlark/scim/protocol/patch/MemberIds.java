package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member ids in a {@code members} value of a Group PATCH: a list or a single one of {@code
 * {"value": id, ...}} (or a bare id), RFC 7643 §4.2. Only users can be members: staff groups do not
 * nest, so a {@code type} other than {@code User} (any case) and the group's own id are refused.
 */
final class MemberIds {
  private MemberIds() {}

  /** The ids in order of first appearance, without duplicates; null entries are skipped. */
  static List<String> of(String groupId, JsonNode value) {
    List<JsonNode> members = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(members::add);
    } else {
      members.add(value);
    }
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode member : members) {
      if (member.isNull()) {
        continue;
      }
      String id = checked(idOf(member));
      if (id.equals(groupId)) {
        throw ScimException.invalidValue(
            "group " + groupId + " cannot be a member of itself: staff groups do not nest");
      }
      ids.add(id);
    }
    return List.copyOf(ids);
  }

  /** A member id must be a non-empty string. */
  static String checked(String id) {
    if (id == null || id.isBlank()) {
      throw ScimException.invalidValue(
          "a member's value must be the non-empty id of a User, e.g. {\"value\": \"<id>\"}");
    }
    return id;
  }

  private static String idOf(JsonNode member) {
    if (member.isTextual()) {
      return member.textValue();
    }
    if (!member.isObject()) {
      throw ScimException.invalidValue(
          "each member must be an object such as {\"value\": \"<id>\"}, not " + member);
    }
    JsonNode id = null;
    for (Map.Entry<String, JsonNode> field : member.properties()) {
      String key = field.getKey();
      JsonNode memberValue = field.getValue();
      if (key.equalsIgnoreCase("value")) {
        id = memberValue;
      } else if (key.equalsIgnoreCase("type") && !ResourceReader.isUnset(memberValue)) {
        checkType(memberValue);
      }
    }
    if (id == null || !id.isTextual()) {
      throw ScimException.invalidValue(
          "a member's value must be the non-empty id of a User, e.g. {\"value\": \"<id>\"}, not "
              + member);
    }
    return id.textValue();
  }

  private static void checkType(JsonNode type) {
    if (!type.isTextual() || !type.textValue().equalsIgnoreCase("User")) {
      throw ScimException.invalidValue(
          "nested groups are not supported: a member's type must be User, not " + type);
    }
  }
}
