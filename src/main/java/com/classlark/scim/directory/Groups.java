package com.classlark.scim.directory;

import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.patch.GroupPatchPlan;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.protocol.patch.PatchEngine;
import com.classlark.scim.protocol.patch.PatchRequest;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.resource.ResourceReplacement;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Staff groups as SCIM Groups (RFC 7643 §4.2). Members are staff of the same school; membership
 * changes are set operations on the membership table, so changing one member costs the same
 * whatever the size of the group, and the member list is never loaded to change it.
 */
public final class Groups {
  private static final int MAX_ATTEMPTS = 20;

  private final GroupStore store;
  private final Clock clock;
  private final FilterParser paths;

  /**
   * @param filterLimits the limits of PATCH paths, the service's configured filter limits
   */
  public Groups(GroupStore store, Clock clock, FilterLimits filterLimits) {
    this.store = store;
    this.clock = clock;
    this.paths = new FilterParser(filterLimits);
  }

  /** Storable text and the group columns' limits (see {@link GroupRules}). */
  private static ObjectNode validated(ObjectNode document) {
    List<StaffRules.Violation> violations = GroupRules.violations(document);
    if (!violations.isEmpty()) {
      throw ScimException.invalidValue(violations.get(0).message());
    }
    return document;
  }

  /** POST /Groups: a new SCIM-managed group with the members given (or none). */
  public StoredResource create(String accountId, JsonNode body) {
    ObjectNode document = validated(ResourceReader.read(ResourceTypes.GROUP, body));
    List<String> members = takeMembers(document);
    Instant now = Timestamps.now(clock);
    StoredResource group =
        new StoredResource(UUID.randomUUID().toString(), document, now, now, 1, true);
    try {
      store.insert(accountId, group, members);
    } catch (DuplicateKeyException e) {
      throw displayNameTaken(document);
    } catch (UnknownMembersException e) {
      throw unknownMembers(e);
    }
    return group;
  }

  public StoredResource get(String accountId, String groupId) {
    return store.find(accountId, groupId).orElseThrow(() -> notFound(groupId));
  }

  /** PUT /Groups/{id}: replaces the document and sets exactly the members given. */
  public Written replace(
      String accountId, String groupId, JsonNode body, Precondition precondition) {
    ObjectNode incoming = ResourceReader.read(ResourceTypes.GROUP, body);
    List<String> members = takeMembers(incoming);
    return update(
        accountId,
        groupId,
        precondition,
        existing -> ResourceReplacement.replace(ResourceTypes.GROUP, existing, incoming),
        List.of(new MembershipChange.ReplaceMembers(members)),
        body.properties().stream().anyMatch(field -> field.getKey().equalsIgnoreCase(MEMBERS)));
  }

  /**
   * PATCH /Groups/{id}: document operations through the PATCH engine, members as set operations.
   */
  public Written patch(String accountId, String groupId, JsonNode body, Precondition precondition) {
    GroupPatchPlan plan = GroupPatchPlan.plan(groupId, PatchRequest.parse(body, paths));
    for (MembershipChange change : plan.membershipChanges()) {
      switch (change) {
        case MembershipChange.AddMembers(var ids) -> checkIds(ids);
        case MembershipChange.ReplaceMembers(var ids) -> checkIds(ids);
        case MembershipChange.RemoveMembers(var ids) -> checkIds(ids);
        case MembershipChange.RemoveAllMembers() -> {}
      }
    }
    if (plan.documentOperations().isEmpty() && precondition == Precondition.NONE) {
      // Members only (the common case): no document to recompute, so no version to compare.
      try {
        StoredResource changed =
            store
                .changeMembers(accountId, groupId, Timestamps.now(clock), plan.membershipChanges())
                .orElseThrow(() -> notFound(groupId));
        return new Written(
            changed, plan.membershipChanges().isEmpty() ? List.of() : List.of(MEMBERS));
      } catch (UnknownMembersException e) {
        throw unknownMembers(e);
      }
    }
    return update(
        accountId,
        groupId,
        precondition,
        existing ->
            plan.documentOperations().isEmpty()
                ? existing
                : ResourceReader.read(
                    ResourceTypes.GROUP,
                    PatchEngine.apply(
                        ResourceTypes.GROUP, existing, groupId, plan.documentOperations(), paths)),
        plan.membershipChanges(),
        !plan.membershipChanges().isEmpty());
  }

  private static final String MEMBERS = "members";

  /**
   * Writes the changed document and membership; its changes are the attributes of the document that
   * changed, and {@code members} when the version moved and the document does not explain it or the
   * request named members (members live in their own table, and every membership change moves the
   * version).
   */
  private Written update(
      String accountId,
      String groupId,
      Precondition precondition,
      java.util.function.UnaryOperator<ObjectNode> change,
      List<MembershipChange> changes,
      boolean namesMembers) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = get(accountId, groupId);
      precondition.check(existing);
      ObjectNode document = validated(change.apply(existing.document().deepCopy()));
      document.remove("members");
      Optional<StoredResource> written;
      try {
        written = store.update(accountId, existing, document, Timestamps.now(clock), changes);
      } catch (DuplicateKeyException e) {
        throw displayNameTaken(document);
      } catch (UnknownMembersException e) {
        throw unknownMembers(e);
      }
      if (written.isPresent()) {
        List<String> names =
            new java.util.ArrayList<>(
                ChangedAttributes.between(existing.document(), written.get().document()));
        if (written.get().version() != existing.version() && (names.isEmpty() || namesMembers)) {
          names.add(MEMBERS);
        }
        return new Written(written.get(), names);
      }
    }
    throw ScimException.conflict(
        "The Group changed concurrently too often to apply this request; retry it.");
  }

  /**
   * DELETE /Groups/{id}.
   *
   * @return the group as it was
   */
  public StoredResource delete(String accountId, String groupId, Precondition precondition) {
    StoredResource existing = get(accountId, groupId);
    precondition.check(existing);
    if (!store.delete(accountId, groupId, Timestamps.now(clock))) {
      throw notFound(groupId);
    }
    return existing;
  }

  public void forEachMember(String accountId, String groupId, Consumer<GroupMember> consumer) {
    store.forEachMember(accountId, groupId, consumer);
  }

  /**
   * One page of groups. Members are not in the group documents, so a filter may name them only in
   * the forms the store answers exactly: {@code members.value eq "id"} (also inside {@code
   * members[...]}) and {@code members pr}.
   */
  public ListPage list(String accountId, ListRequest request) {
    if (request.filter() != null) {
      checkMemberFilters(request.filter(), false);
    }
    return store.list(accountId, request);
  }

  private static void checkMemberFilters(Filter filter, boolean insideMembers) {
    switch (filter) {
      case Filter.And(var left, var right) -> {
        checkMemberFilters(left, insideMembers);
        checkMemberFilters(right, insideMembers);
      }
      case Filter.Or(var left, var right) -> {
        checkMemberFilters(left, insideMembers);
        checkMemberFilters(right, insideMembers);
      }
      case Filter.Not(var inner) -> checkMemberFilters(inner, insideMembers);
      case Filter.Present(var path) -> {
        if (namesMembers(path, insideMembers)
            && !namesMemberValue(path, insideMembers)
            && !(path.subAttribute() == null && !insideMembers)) {
          throw unsupportedMemberFilter();
        }
      }
      case Filter.Compare(var path, var op, var value) -> {
        if (namesMembers(path, insideMembers)
            && (op != CompareOp.EQ || !namesMemberValue(path, insideMembers))) {
          throw unsupportedMemberFilter();
        }
      }
      case Filter.ValuePath(var path, var inner) -> {
        if (namesMembers(path, false)) {
          checkMemberFilters(inner, true);
        }
      }
    }
  }

  /**
   * True when the path is about members: any path inside {@code members[...]}, or {@code members…}.
   */
  private static boolean namesMembers(AttrPath path, boolean insideMembers) {
    return insideMembers || (path.schemaUrn() == null && path.attribute().equals("members"));
  }

  /** True for {@code members.value}, or {@code value} inside {@code members[...]}. */
  private static boolean namesMemberValue(AttrPath path, boolean insideMembers) {
    return insideMembers
        ? path.attribute().equals("value") && path.subAttribute() == null
        : "value".equals(path.subAttribute());
  }

  private static ScimException unsupportedMemberFilter() {
    return ScimException.invalidFilter(
        "Filters on Group members support members.value eq \"<user id>\" (also as members[value eq"
            + " \"<user id>\"]) and members pr; use those to check a membership.");
  }

  /**
   * Removes {@code members} from a read document and returns their ids, in order, without
   * duplicates.
   */
  private static List<String> takeMembers(ObjectNode document) {
    JsonNode members = document.remove("members");
    Set<String> ids = new LinkedHashSet<>();
    if (members != null) {
      for (JsonNode member : members) {
        JsonNode type = member.get("type");
        if (type != null && !type.asText().equalsIgnoreCase("User")) {
          throw ScimException.invalidValue(
              "members[].type '"
                  + type.asText()
                  + "' is not supported: members must be Users of this school (nested groups are not"
                  + " supported)");
        }
        String id = member.path("value").asText("");
        if (id.isBlank()) {
          throw ScimException.invalidValue(
              "members[].value is required: the id of a User of this school");
        }
        ids.add(id);
      }
    }
    List<String> ordered = new ArrayList<>(ids);
    checkIds(ordered);
    return ordered;
  }

  private static void checkIds(List<String> ids) {
    for (String id : ids) {
      if (id.length() > 64) {
        throw ScimException.invalidValue(
            "member id '" + id.substring(0, 64) + "…' is not the id of a User of this school");
      }
    }
  }

  private static ScimException displayNameTaken(ObjectNode document) {
    return ScimException.uniqueness(
        "displayName '"
            + document.path("displayName").asText()
            + "' is already taken by another group of this school (compared ignoring case).");
  }

  private static ScimException unknownMembers(UnknownMembersException e) {
    List<String> ids = e.ids();
    String shown = String.join(", ", ids.subList(0, Math.min(ids.size(), 10)));
    return ScimException.invalidValue(
        (ids.size() == 1 ? "member " : "members ")
            + shown
            + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "")
            + (ids.size() == 1 ? " is not a User" : " are not Users")
            + " of this school; nothing was changed.");
  }

  static ScimException notFound(String groupId) {
    return ScimException.notFound("No Group with id " + groupId + " exists in this school.");
  }
}
