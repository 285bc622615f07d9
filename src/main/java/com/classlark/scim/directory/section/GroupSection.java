package com.classlark.scim.directory.section;

import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.DuplicateKeyException;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.GroupRules;
import com.classlark.scim.directory.GroupStore;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.ReleaseStore;
import com.classlark.scim.directory.SectionMember;
import com.classlark.scim.directory.SectionPage;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StaffSectionStore;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Timestamps;
import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceLayout;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * ClassLark's staff groups as the Staff section shows and edits them: the groups SCIM serves, under
 * the same manual-edit lock as staff (member changes included), checked by the statement that
 * claims the group's row. Members change by set operations and are read a page at a time, so a
 * group of 100,000 members costs what a small one costs.
 */
public final class GroupSection {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  public static final int DEFAULT_MEMBERS_LIMIT = 100;
  public static final int MAX_MEMBERS_LIMIT = 1000;

  /** The most member ids one create or edit may name. */
  static final int MAX_MEMBER_IDS = 1000;

  private static final int MAX_ATTEMPTS = 20;
  private static final int ID_LENGTH = 64;
  private static final String WHAT = "group";
  private static final String ID_FIELD = "groupId";
  private static final String FIELDS = "displayName, externalId, addMembers, removeMembers";

  private final Accounts accounts;
  private final GroupStore store;
  private final StaffSectionStore section;
  private final ReleaseStore releases;
  private final Cursors cursors;
  private final Clock clock;

  public GroupSection(
      Accounts accounts,
      GroupStore store,
      StaffSectionStore section,
      ReleaseStore releases,
      Cursors cursors,
      Clock clock) {
    this.accounts = accounts;
    this.store = store;
    this.section = section;
    this.releases = releases;
    this.cursors = cursors;
    this.clock = clock;
  }

  /** A page of groups by display name; {@code nextCursor} is null on the last page. */
  public record Listing(List<StaffGroup> items, String nextCursor) {}

  /**
   * How a caller asked for a group's members; every part may be null (not given).
   *
   * @param members {@code false} to leave the members out
   * @param limit members per page, 1 to {@value #MAX_MEMBERS_LIMIT}
   * @param cursor a {@link Detail#nextMembersCursor()} of the same group
   */
  public record MemberParameters(String members, String limit, String cursor) {
    public static final MemberParameters NONE = new MemberParameters("false", null, null);
  }

  /**
   * A group with a page of its members.
   *
   * @param members null when left out
   * @param nextMembersCursor null on the last page of members, or when they were left out
   */
  public record Detail(StaffGroup group, List<SectionMember> members, String nextMembersCursor) {}

  public Listing list(Caller caller, String accountId, String limit, String cursor) {
    caller.require(ApiKeyRole.APP, "read staff groups");
    requireSchool(accountId);
    List<FieldError> errors = new ArrayList<>();
    int size = Parameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, errors);
    List<String> after = Parameters.after(cursors, accountId, "group-section", cursor, 1, errors);
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    SectionPage page = section.groups(accountId, after, size);
    return new Listing(
        page.items().stream()
            .map(group -> StaffGroup.of(group, section.memberCount(accountId, group.id())))
            .toList(),
        page.nextKey() == null
            ? null
            : cursors.encode(
                accountId, "group-section", new CursorPosition(page.nextKey(), false)));
  }

  public Detail get(Caller caller, String accountId, String groupId, MemberParameters parameters) {
    caller.require(ApiKeyRole.APP, "read staff groups");
    List<FieldError> errors = new ArrayList<>();
    Boolean wanted = Parameters.bool("members", parameters.members(), errors);
    int size =
        Parameters.limit(parameters.limit(), DEFAULT_MEMBERS_LIMIT, MAX_MEMBERS_LIMIT, errors);
    String fingerprint = "group-members|" + groupId;
    List<String> after =
        Parameters.after(cursors, accountId, fingerprint, parameters.cursor(), 1, errors);
    StoredResource stored = current(accountId, groupId);
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    StaffGroup group = StaffGroup.of(stored, section.memberCount(accountId, groupId));
    if (Boolean.FALSE.equals(wanted)) {
      return new Detail(group, null, null);
    }
    List<SectionMember> page =
        section.members(accountId, groupId, after == null ? null : after.get(0), size + 1);
    boolean more = page.size() > size;
    List<SectionMember> kept = more ? page.subList(0, size) : page;
    return new Detail(
        group,
        List.copyOf(kept),
        more
            ? cursors.encode(
                accountId,
                fingerprint,
                new CursorPosition(List.of(kept.get(kept.size() - 1).id()), false))
            : null);
  }

  /**
   * Creates a group by hand, never SCIM-managed.
   *
   * @param body {@code displayName} (required), {@code externalId}, {@code members} (staff ids)
   */
  public Detail create(Caller caller, String accountId, JsonNode body) {
    caller.require(ApiKeyRole.APP, "create staff groups");
    requireSchool(accountId);
    Edit edit = Edit.read(Json.object(), body, true);
    Instant now = Timestamps.now(clock);
    StoredResource group =
        new StoredResource(UUID.randomUUID().toString(), edit.document(), now, now, 1, false);
    try {
      store.insertByHand(accountId, group, edit.added(), caller);
    } catch (DuplicateKeyException e) {
      throw Problems.duplicateGroupName();
    } catch (UnknownMembersException e) {
      throw unknownMembers("members", e);
    }
    return new Detail(StaffGroup.of(group, edit.added().size()), null, null);
  }

  /**
   * Changes a hand-made group: {@code displayName}, {@code externalId} (merge patch), {@code
   * addMembers} and {@code removeMembers} (staff ids), all or nothing.
   */
  public StaffGroup edit(
      Caller caller, String accountId, String groupId, JsonNode body, String ifMatch) {
    caller.require(ApiKeyRole.APP, "edit staff groups");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = unlocked(accountId, groupId, ifMatch);
      Edit edit = Edit.read(existing.document().deepCopy(), body, false);
      List<MembershipChange> changes = new ArrayList<>();
      if (!edit.added().isEmpty()) {
        changes.add(new MembershipChange.AddMembers(edit.added()));
      }
      if (!edit.removed().isEmpty()) {
        changes.add(new MembershipChange.RemoveMembers(edit.removed()));
      }
      Optional<StoredResource> written;
      try {
        written =
            store.updateByHand(
                accountId, existing, edit.document(), Timestamps.now(clock), changes, caller);
      } catch (DuplicateKeyException e) {
        throw Problems.duplicateGroupName();
      } catch (UnknownMembersException e) {
        throw unknownMembers("addMembers", e);
      }
      if (written.isPresent()) {
        return StaffGroup.of(written.get(), section.memberCount(accountId, groupId));
      }
    }
    throw Problems.versionMismatch(Versions.etag(current(accountId, groupId).version()));
  }

  /** Deletes a hand-made group and its memberships; its members stay. */
  public void remove(Caller caller, String accountId, String groupId, String ifMatch) {
    caller.require(ApiKeyRole.APP, "delete staff groups");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = unlocked(accountId, groupId, ifMatch);
      if (store.deleteByHand(
          accountId, groupId, existing.version(), Timestamps.now(clock), caller)) {
        return;
      }
    }
    throw Problems.versionMismatch(Versions.etag(current(accountId, groupId).version()));
  }

  /** Support's release of one group from SCIM management (see {@link StaffSection#release}). */
  public StaffGroup release(Caller caller, String accountId, String groupId) {
    caller.require(ApiKeyRole.SUPPORT, "release staff groups from SCIM");
    requireSchool(accountId);
    StoredResource released =
        releases
            .releaseGroup(accountId, groupId, Timestamps.now(clock), caller)
            .orElseThrow(() -> Problems.notFound(WHAT, ID_FIELD, groupId));
    return StaffGroup.of(released, section.memberCount(accountId, groupId));
  }

  private StoredResource current(String accountId, String groupId) {
    requireSchool(accountId);
    return store
        .find(accountId, groupId)
        .orElseThrow(() -> Problems.notFound(WHAT, ID_FIELD, groupId));
  }

  private StoredResource unlocked(String accountId, String groupId, String ifMatch) {
    return ManualLock.unlocked(current(accountId, groupId), WHAT, ID_FIELD, ifMatch);
  }

  private void requireSchool(String accountId) {
    ManualLock.requireSchool(accounts, accountId);
  }

  private static DirectoryException unknownMembers(String field, UnknownMembersException e) {
    List<String> ids = e.ids();
    return Problems.validation(
        List.of(
            new FieldError(
                field,
                "must name staff members of this school; these are not: "
                    + String.join(", ", ids.subList(0, Math.min(10, ids.size())))
                    + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : ""))));
  }

  /** A create or edit body read and checked: the new document and the member changes. */
  private record Edit(ObjectNode document, List<String> added, List<String> removed) {
    static Edit read(ObjectNode base, JsonNode body, boolean creating) {
      if (body == null || !body.isObject()) {
        throw Problems.validation(
            List.of(new FieldError("body", "must be a JSON object with the fields to set")));
      }
      List<FieldError> errors = new ArrayList<>();
      List<String> added = List.of();
      List<String> removed = List.of();
      String membersField = creating ? "members" : "addMembers";
      for (Map.Entry<String, JsonNode> entry : body.properties()) {
        String name = entry.getKey();
        JsonNode value = entry.getValue();
        switch (name) {
          case "displayName" -> {
            if (!value.isTextual() || value.textValue().isBlank()) {
              errors.add(new FieldError(name, "is required: a non-empty string"));
            } else {
              base.put(name, value.textValue());
            }
          }
          case "externalId" -> {
            if (value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
              base.remove(name);
            } else if (!value.isTextual()) {
              errors.add(new FieldError(name, "must be a string"));
            } else {
              base.put(name, value.textValue());
            }
          }
          default -> {
            if (name.equals(membersField)) {
              added = ids(name, value, errors);
            } else if (!creating && name.equals("removeMembers")) {
              removed = ids(name, value, errors);
            } else {
              errors.add(
                  new FieldError(
                      name,
                      "is not a field that can be set here; the fields are "
                          + (creating ? "displayName, externalId, members" : FIELDS)));
            }
          }
        }
      }
      if (creating && !body.has("displayName")) {
        errors.add(new FieldError("displayName", "is required"));
      }
      ObjectNode document = ResourceLayout.withSchemas(ResourceTypes.GROUP, base);
      document.remove("members");
      for (StaffRules.Violation violation : GroupRules.violations(document)) {
        errors.add(new FieldError(violation.attribute(), violation.rule()));
      }
      if (!errors.isEmpty()) {
        throw Problems.validation(errors);
      }
      return new Edit(document, added, removed);
    }

    private static List<String> ids(String field, JsonNode value, List<FieldError> errors) {
      if (!value.isArray()) {
        errors.add(new FieldError(field, "must be a list of staff ids"));
        return List.of();
      }
      if (value.size() > MAX_MEMBER_IDS) {
        errors.add(
            new FieldError(field, "must name at most " + MAX_MEMBER_IDS + " staff at a time"));
        return List.of();
      }
      LinkedHashSet<String> ids = new LinkedHashSet<>();
      for (JsonNode id : value) {
        if (!id.isTextual() || id.textValue().isBlank() || id.textValue().length() > ID_LENGTH) {
          errors.add(new FieldError(field, "must be a list of staff ids (strings)"));
          return List.of();
        }
        ids.add(id.textValue());
      }
      return List.copyOf(ids);
    }
  }
}
