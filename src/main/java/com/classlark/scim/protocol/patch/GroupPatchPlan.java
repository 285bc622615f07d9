package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterRenderer;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.filter.ScimValue;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.GroupSchemas;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Group PATCH (RFC 7644 §3.5.2) split in two: operations on the group document ({@code
 * displayName}, {@code externalId}), for {@link PatchEngine}, and changes to {@code members} as set
 * operations, because a group may have 100,000 members and its member list is never loaded.
 *
 * <p>Member shapes, as RFC 7644 and the identity providers send them:
 *
 * <ul>
 *   <li>{@code add} of {@code members} with a list (or one object) of {@code {"value": id}}: {@link
 *       MembershipChange.AddMembers}. Other keys ({@code display}, {@code $ref}, even {@code
 *       "$ref": null} as Entra ID sends) are ignored; a {@code type} other than {@code User} is
 *       refused, since staff groups do not nest. A bare id string is accepted as a member too.
 *   <li>{@code remove} of {@code members[value eq "id"]}, also several {@code value eq} joined by
 *       {@code or}: {@link MembershipChange.RemoveMembers}. Any other member filter is {@code
 *       invalidFilter}: members can only be selected by id without loading them.
 *   <li>{@code remove} of {@code members} with a list, Entra ID's default: {@code RemoveMembers} of
 *       those; without value (or null): {@link MembershipChange.RemoveAllMembers} as RFC 7644
 *       §3.5.2.2 says; with an empty list: nothing.
 *   <li>{@code replace} of {@code members} (Okta's full push): {@link
 *       MembershipChange.ReplaceMembers}; an empty or null value removes all members.
 *   <li>{@code add} or {@code replace} without path whose value has {@code members}: the members
 *       part as above and the rest of the value as a document operation.
 * </ul>
 *
 * <p>A path to a member's sub-attribute ({@code members.value}, {@code members[value eq
 * "id"].display}) is {@code invalidPath}: a member is only its id, there is nothing in it to change
 * on its own. A member filter with {@code add} or {@code replace} is {@code invalidPath} too, since
 * swapping one member for another is a remove and an add. Member ids must be non-empty strings
 * ({@code invalidValue}).
 *
 * @param documentOperations the operations for the group document, in request order
 * @param membershipChanges the member changes, in request order
 */
public record GroupPatchPlan(
    List<PatchOperation> documentOperations, List<MembershipChange> membershipChanges) {

  private static final String MEMBERS = "members";
  private static final String QUALIFIED_MEMBERS = GroupSchemas.CORE_URN + ":" + MEMBERS;

  public GroupPatchPlan {
    documentOperations = List.copyOf(documentOperations);
    membershipChanges = List.copyOf(membershipChanges);
  }

  /**
   * Splits the operations of a PATCH to the group {@code groupId}.
   *
   * @throws ScimException when a member operation cannot apply; document operations are checked
   *     later by {@link PatchEngine}
   */
  public static GroupPatchPlan plan(String groupId, List<PatchOperation> operations) {
    List<PatchOperation> document = new ArrayList<>();
    List<MembershipChange> members = new ArrayList<>();
    for (PatchOperation operation : operations) {
      if (operation.path() == null) {
        splitPathless(groupId, operation, document, members);
      } else if (namesMembers(operation.path().attribute())) {
        members.addAll(memberChange(groupId, operation));
      } else {
        document.add(operation);
      }
    }
    return new GroupPatchPlan(document, members);
  }

  private static void splitPathless(
      String groupId,
      PatchOperation operation,
      List<PatchOperation> document,
      List<MembershipChange> members) {
    JsonNode value = operation.value();
    String membersKey = value == null ? null : membersKey(value);
    if (operation.op() == PatchOp.REMOVE || membersKey == null) {
      document.add(operation);
      return;
    }
    JsonNode memberValue = value.get(membersKey);
    ObjectNode rest = ((ObjectNode) value).deepCopy();
    rest.remove(membersKey);
    if (operation.op() == PatchOp.ADD) {
      members.addAll(added(groupId, memberValue));
    } else {
      members.add(replaced(groupId, memberValue));
    }
    if (!rest.isEmpty()) {
      document.add(new PatchOperation(operation.op(), null, rest));
    }
  }

  private static String membersKey(JsonNode value) {
    if (!value.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      if (field.getKey().equalsIgnoreCase(MEMBERS)
          || field.getKey().equalsIgnoreCase(QUALIFIED_MEMBERS)) {
        return field.getKey();
      }
    }
    return null;
  }

  private static boolean namesMembers(AttrPath path) {
    return ResourceTypes.GROUP
        .resolve(path)
        .map(ResolvedAttribute::attribute)
        .filter(attribute -> attribute.name().equals(MEMBERS))
        .isPresent();
  }

  private static List<MembershipChange> memberChange(String groupId, PatchOperation operation) {
    PathExpression path = operation.path();
    JsonNode value = operation.value();
    if (path.attribute().subAttribute() != null || path.subAttribute() != null) {
      throw ScimException.invalidPath(
          "a member's sub-attributes cannot be changed on their own; add or remove the member"
              + " with path 'members' or 'members[value eq \"<id>\"]'");
    }
    if (path.valueFilter() != null) {
      if (operation.op() != PatchOp.REMOVE) {
        throw ScimException.invalidPath(
            "a member filter selects members to remove; to "
                + operation.op().keyword()
                + " members use path 'members' with a list of {\"value\": \"<id>\"}");
      }
      return List.of(new MembershipChange.RemoveMembers(filteredIds(path)));
    }
    return switch (operation.op()) {
      case ADD -> {
        requireValue(operation);
        yield added(groupId, value);
      }
      case REPLACE -> {
        requireValue(operation);
        yield List.of(replaced(groupId, value));
      }
      case REMOVE -> {
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isEmpty())) {
          yield List.of(new MembershipChange.RemoveAllMembers());
        }
        List<String> ids = MemberIds.of(groupId, value);
        yield ids.isEmpty() ? List.of() : List.of(new MembershipChange.RemoveMembers(ids));
      }
    };
  }

  private static void requireValue(PatchOperation operation) {
    if (operation.value() == null) {
      throw ScimException.invalidValue(
          operation.op().keyword() + " of members needs a value: a list of {\"value\": \"<id>\"}");
    }
  }

  private static List<MembershipChange> added(String groupId, JsonNode value) {
    List<String> ids = ResourceReader.isUnset(value) ? List.of() : MemberIds.of(groupId, value);
    return ids.isEmpty() ? List.of() : List.of(new MembershipChange.AddMembers(ids));
  }

  private static MembershipChange replaced(String groupId, JsonNode value) {
    List<String> ids = ResourceReader.isUnset(value) ? List.of() : MemberIds.of(groupId, value);
    return ids.isEmpty()
        ? new MembershipChange.RemoveAllMembers()
        : new MembershipChange.ReplaceMembers(ids);
  }

  /** The ids in {@code members[value eq "a" or value eq "b"]}. */
  private static List<String> filteredIds(PathExpression path) {
    AttrPath members =
        new AttrPath(path.attribute().schemaUrn(), path.attribute().attribute(), null);
    Filter inner =
        ((Filter.ValuePath)
                FilterResolver.resolve(
                    ResourceTypes.GROUP, new Filter.ValuePath(members, path.valueFilter())))
            .inner();
    Set<String> ids = new LinkedHashSet<>();
    collectIds(inner, inner, ids);
    return List.copyOf(ids);
  }

  private static void collectIds(Filter filter, Filter whole, Set<String> ids) {
    switch (filter) {
      case Filter.Or(var left, var right) -> {
        collectIds(left, whole, ids);
        collectIds(right, whole, ids);
      }
      case Filter.Compare(var path, var op, var value)
          when op == CompareOp.EQ && path.attribute().equals("value") -> {
        String id =
            switch (value) {
              case ScimValue.Str(var text) -> text;
              case ScimValue.Num(var number) -> number.toPlainString();
              case ScimValue.Bool bool -> throw memberFilter(whole);
              case ScimValue.Null none -> throw memberFilter(whole);
            };
        ids.add(MemberIds.checked(id));
      }
      case Filter.Compare compare -> throw memberFilter(whole);
      case Filter.And and -> throw memberFilter(whole);
      case Filter.Not not -> throw memberFilter(whole);
      case Filter.Present present -> throw memberFilter(whole);
      case Filter.ValuePath valuePath -> throw memberFilter(whole);
    }
  }

  private static ScimException memberFilter(Filter whole) {
    return ScimException.invalidFilter(
        "a member filter must select members by id: members[value eq \"<id>\"], several joined"
            + " with 'or'; ["
            + FilterRenderer.render(whole)
            + "] is not supported");
  }
}
