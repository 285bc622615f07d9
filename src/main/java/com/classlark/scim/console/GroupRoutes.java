package com.classlark.scim.console;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.directory.SectionMember;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.SignedIn;
import com.classlark.scim.directory.section.GroupSection;
import com.classlark.scim.directory.section.StaffGroup;
import com.classlark.scim.directory.section.StaffMember;
import com.classlark.scim.directory.section.StaffSection;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Staff section's group pages: the list, a group with its members a page at a time, and for a
 * hand-made group renaming, adding and removing members, creating and deleting. Every rule (the
 * SCIM lock, unique names, members of the same school) is {@link GroupSection}'s; which school a
 * user may see is {@link ConsoleSchools}'s.
 */
final class GroupRoutes {
  private static final String EXTERNAL_ID_HELP =
      "Your school's own identifier for the group, if it has one.";

  private static final Map<String, String> NOTICES =
      Map.of(
          "added", "The group is created.",
          "saved", "Your changes are saved.",
          "member-added", "The staff member is added to the group.",
          "member-removed", "The staff member is removed from the group; they stay in the staff.",
          "deleted", "The group is deleted. Its members stay in the staff.");

  private final GroupSection groups;
  private final StaffSection staff;
  private final Templates templates;
  private final Assets.Paths assets;

  GroupRoutes(GroupSection groups, StaffSection staff, Templates templates, Assets.Paths assets) {
    this.groups = groups;
    this.staff = staff;
    this.templates = templates;
    this.assets = assets;
  }

  void register(RoutesConfig routes) {
    String list = ConsolePaths.SCHOOLS + "/{schoolId}/groups";
    String group = list + "/{groupId}";
    routes.get(list, this::list);
    routes.get(list + "/new", this::addForm);
    routes.post(list + "/new", this::add);
    routes.get(group, this::show);
    routes.post(group, this::rename);
    routes.post(group + "/members", this::addMember);
    routes.post(group + "/members/remove", this::removeMember);
    routes.get(group + "/delete", this::confirmDelete);
    routes.post(group + "/delete", this::delete);
  }

  private void list(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    SectionLinks.Page<GroupSection.Listing> page =
        SectionLinks.read(
            ctx, cursor -> groups.list(request.caller(), request.schoolId(), null, cursor));
    GroupSection.Listing listing = page.content();
    String path = SectionLinks.groups(request.schoolId());
    templates.render(
        ctx,
        200,
        "groups.jte",
        new StaffPages.GroupList(
            ConsoleRequest.chrome(assets, request.signedIn(), "Groups", ctx.path()),
            listing.items().stream()
                .map(
                    group ->
                        new StaffPages.GroupRow(
                            SectionLinks.group(request.schoolId(), group.id()),
                            group.displayName(),
                            members(group.memberCount()),
                            group.scimManaged()))
                .toList(),
            SectionLinks.paging(path, List.of(), page.cursor(), page.trail(), listing.nextCursor()),
            path + "/new",
            SectionLinks.notice(ctx, NOTICES),
            page.problem()));
  }

  private void show(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String groupId = ctx.pathParam("groupId");
    SectionLinks.Page<GroupSection.Detail> page =
        SectionLinks.read(
            ctx,
            cursor ->
                groups.get(
                    request.caller(),
                    request.schoolId(),
                    groupId,
                    new GroupSection.MemberParameters(null, null, cursor)));
    GroupSection.Detail detail = page.content();
    StaffGroup group = detail.group();
    render(
        ctx,
        200,
        request.signedIn(),
        request.schoolId(),
        detail,
        SectionLinks.paging(
            SectionLinks.group(request.schoolId(), groupId),
            List.of(),
            page.cursor(),
            page.trail(),
            detail.nextMembersCursor()),
        SectionLinks.notice(ctx, NOTICES),
        page.problem(),
        renameForm(
            request.schoolId(),
            group,
            group.displayName(),
            group.externalId(),
            Map.of(),
            List.of()),
        addMemberForm(request.schoolId(), group, "", null));
  }

  private void rename(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String groupId = ctx.pathParam("groupId");
    String name = sent(ctx, "displayName");
    String externalId = sent(ctx, "externalId");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("displayName", name);
    if (externalId.isEmpty()) {
      body.putNull("externalId");
    } else {
      body.put("externalId", externalId);
    }
    try {
      groups.edit(request.caller(), request.schoolId(), groupId, body, ctx.formParam("version"));
      SectionLinks.redirect(ctx, SectionLinks.group(request.schoolId(), groupId), "saved");
    } catch (DirectoryException refused) {
      GroupSection.Detail current = firstPage(request.caller(), request.schoolId(), groupId);
      StaffGroup group = current.group();
      StaffPages.Form form =
          switch (refused.kind()) {
            case VALIDATION, DUPLICATE_GROUP_NAME ->
                renameForm(
                    request.schoolId(), group, name, externalId, fieldErrors(refused), List.of());
            case VERSION_MISMATCH ->
                renameForm(
                    request.schoolId(),
                    group,
                    group.displayName(),
                    group.externalId(),
                    Map.of(),
                    List.of(
                        "Someone changed this group while you were editing, so nothing was"
                            + " saved. The form now shows what it is now: make your change"
                            + " again."));
            default -> throw refused;
          };
      renderFirstPage(
          ctx,
          422,
          request.signedIn(),
          request.schoolId(),
          current,
          form,
          addMemberForm(request.schoolId(), group, "", null));
    }
  }

  private void addMember(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String groupId = ctx.pathParam("groupId");
    String email = sent(ctx, "email");
    Optional<StaffMember> member =
        email.isEmpty()
            ? Optional.empty()
            : staffWithEmail(request.caller(), request.schoolId(), email);
    String error = null;
    if (email.isEmpty()) {
      error = "Email is required: the email address of a staff member of this school.";
    } else if (member.isEmpty()) {
      error = "No staff member of this school has this email address. Check it in the Staff list.";
    } else {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.putArray("addMembers").add(member.get().id());
      try {
        groups.edit(request.caller(), request.schoolId(), groupId, body, null);
        SectionLinks.redirect(ctx, SectionLinks.group(request.schoolId(), groupId), "member-added");
        return;
      } catch (DirectoryException refused) {
        if (refused.kind() != ProblemKind.VALIDATION) {
          throw refused;
        }
        error =
            String.join(
                " ", refused.errors().stream().map(e -> "Email " + e.rule() + ".").toList());
      }
    }
    GroupSection.Detail current = firstPage(request.caller(), request.schoolId(), groupId);
    StaffGroup group = current.group();
    renderFirstPage(
        ctx,
        422,
        request.signedIn(),
        request.schoolId(),
        current,
        renameForm(
            request.schoolId(),
            group,
            group.displayName(),
            group.externalId(),
            Map.of(),
            List.of()),
        addMemberForm(request.schoolId(), group, email, error));
  }

  /** The live staff member of the school with this email address (compared ignoring case). */
  private Optional<StaffMember> staffWithEmail(Caller caller, String schoolId, String email) {
    String wanted = email.toLowerCase(Locale.ROOT);
    return staff
        .list(
            caller,
            schoolId,
            new StaffSection.ListParameters(
                wanted, null, null, String.valueOf(StaffSection.MAX_LIMIT), null))
        .items()
        .stream()
        .filter(
            found -> found.email() != null && found.email().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  private void removeMember(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String groupId = ctx.pathParam("groupId");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("removeMembers").add(sent(ctx, "memberId"));
    groups.edit(request.caller(), request.schoolId(), groupId, body, null);
    SectionLinks.redirect(ctx, SectionLinks.group(request.schoolId(), groupId), "member-removed");
  }

  private void confirmDelete(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    StaffGroup group =
        groups
            .get(
                request.caller(),
                request.schoolId(),
                ctx.pathParam("groupId"),
                GroupSection.MemberParameters.NONE)
            .group();
    String page = SectionLinks.group(request.schoolId(), group.id());
    if (group.scimManaged()) {
      ctx.redirect(page, HttpStatus.SEE_OTHER);
      return;
    }
    templates.render(
        ctx,
        200,
        "staff-confirm.jte",
        new StaffPages.Confirm(
            ConsoleRequest.chrome(
                assets, request.signedIn(), "Delete the group " + group.displayName(), ctx.path()),
            "The group is deleted with its list of "
                + members(group.memberCount())
                + "; the staff members themselves stay. This cannot be undone.",
            page + "/delete",
            "Delete the group",
            page,
            "Keep the group"));
  }

  private void delete(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    groups.remove(request.caller(), request.schoolId(), ctx.pathParam("groupId"), null);
    SectionLinks.redirect(ctx, SectionLinks.groups(request.schoolId()), "deleted");
  }

  private void addForm(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    renderAdd(ctx, 200, request.signedIn(), request.schoolId(), "", "", Map.of());
  }

  private void add(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String name = sent(ctx, "displayName");
    String externalId = sent(ctx, "externalId");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("displayName", name);
    if (!externalId.isEmpty()) {
      body.put("externalId", externalId);
    }
    try {
      StaffGroup created = groups.create(request.caller(), request.schoolId(), body).group();
      SectionLinks.redirect(ctx, SectionLinks.group(request.schoolId(), created.id()), "added");
    } catch (DirectoryException refused) {
      if (refused.kind() != ProblemKind.VALIDATION
          && refused.kind() != ProblemKind.DUPLICATE_GROUP_NAME) {
        throw refused;
      }
      renderAdd(
          ctx, 422, request.signedIn(), request.schoolId(), name, externalId, fieldErrors(refused));
    }
  }

  private void renderAdd(
      Context ctx,
      int status,
      SignedIn signedIn,
      String schoolId,
      String name,
      String externalId,
      Map<String, String> errors) {
    templates.render(
        ctx,
        status,
        "form-page.jte",
        new StaffPages.FormPage(
            ConsoleRequest.chrome(assets, signedIn, "Create a group", ctx.path()),
            SectionLinks.groups(schoolId),
            "Back to the groups",
            "A group lets your school book shared time slots for several staff. Add members on the"
                + " group's page once it is created.",
            new StaffPages.Form(
                SectionLinks.groups(schoolId) + "/new",
                "Create group",
                null,
                groupFields(name, externalId, errors),
                List.of())));
  }

  private GroupSection.Detail firstPage(Caller caller, String schoolId, String groupId) {
    return groups.get(
        caller, schoolId, groupId, new GroupSection.MemberParameters(null, null, null));
  }

  private void renderFirstPage(
      Context ctx,
      int status,
      SignedIn signedIn,
      String schoolId,
      GroupSection.Detail detail,
      StaffPages.Form rename,
      StaffPages.Form addMember) {
    render(
        ctx,
        status,
        signedIn,
        schoolId,
        detail,
        SectionLinks.paging(
            SectionLinks.group(schoolId, detail.group().id()),
            List.of(),
            null,
            List.of(),
            detail.nextMembersCursor()),
        null,
        null,
        rename,
        addMember);
  }

  private void render(
      Context ctx,
      int status,
      SignedIn signedIn,
      String schoolId,
      GroupSection.Detail detail,
      StaffPages.Paging paging,
      String notice,
      String problem,
      StaffPages.Form rename,
      StaffPages.Form addMember) {
    StaffGroup group = detail.group();
    String page = SectionLinks.group(schoolId, group.id());
    List<StaffPages.Fact> facts = new ArrayList<>();
    facts.add(new StaffPages.Fact("Members", members(group.memberCount())));
    facts.add(
        new StaffPages.Fact(
            "External ID", group.externalId() == null ? "Not set" : group.externalId()));
    facts.add(new StaffPages.Fact("Added", Formats.dateTime(group.createdAt())));
    facts.add(new StaffPages.Fact("Last changed", Formats.dateTime(group.lastModified())));
    boolean editable = !group.scimManaged();
    templates.render(
        ctx,
        status,
        "group.jte",
        new StaffPages.Group(
            ConsoleRequest.chrome(assets, signedIn, group.displayName(), ctx.path()),
            group.displayName(),
            SectionLinks.groups(schoolId),
            group.scimManaged(),
            notice,
            problem,
            facts,
            detail.members().stream().map(member -> member(schoolId, member)).toList(),
            paging,
            editable ? rename : null,
            editable ? addMember : null,
            page + "/members/remove",
            page + "/delete"));
  }

  private static StaffPages.MemberRow member(String schoolId, SectionMember member) {
    String name =
        ((member.givenName() == null ? "" : member.givenName())
                + " "
                + (member.familyName() == null ? "" : member.familyName()))
            .strip();
    String email = member.email() == null ? "" : member.email();
    return new StaffPages.MemberRow(
        member.id(),
        SectionLinks.staffMember(schoolId, member.id()),
        name.isEmpty() ? email : name,
        email);
  }

  private static StaffPages.Form renameForm(
      String schoolId,
      StaffGroup group,
      String name,
      String externalId,
      Map<String, String> errors,
      List<String> problems) {
    return new StaffPages.Form(
        SectionLinks.group(schoolId, group.id()),
        "Save changes",
        group.version(),
        groupFields(name, externalId, errors),
        problems);
  }

  private static List<StaffPages.FormField> groupFields(
      String name, String externalId, Map<String, String> errors) {
    return List.of(
        StaffPages.FormField.typed(
            "displayName", "Name", "text", orEmpty(name), errors.get("displayName"), true, null),
        StaffPages.FormField.typed(
            "externalId",
            "External ID",
            "text",
            orEmpty(externalId),
            errors.get("externalId"),
            false,
            EXTERNAL_ID_HELP));
  }

  private static StaffPages.Form addMemberForm(
      String schoolId, StaffGroup group, String email, String error) {
    return new StaffPages.Form(
        SectionLinks.group(schoolId, group.id()) + "/members",
        "Add to the group",
        null,
        List.of(
            StaffPages.FormField.typed(
                "email", "Email of the staff member to add", "email", email, error, true, null)),
        List.of());
  }

  private static Map<String, String> fieldErrors(DirectoryException refused) {
    if (refused.kind() == ProblemKind.DUPLICATE_GROUP_NAME) {
      return Map.of(
          "displayName",
          "Another group of this school already has this name (compared ignoring case). Choose"
              + " another name.");
    }
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    for (FieldError error : refused.errors()) {
      String label =
          switch (error.field()) {
            case "displayName" -> "Name";
            case "externalId" -> "External ID";
            default -> error.field();
          };
      errors.merge(
          error.field().equals("externalId") ? "externalId" : "displayName",
          label + " " + error.rule() + ".",
          (a, b) -> a + " " + b);
    }
    return errors;
  }

  private static String members(long count) {
    return count == 1 ? "1 member" : count + " members";
  }

  private static String sent(Context ctx, String field) {
    String value = ctx.formParam(field);
    return value == null ? "" : value.strip();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
