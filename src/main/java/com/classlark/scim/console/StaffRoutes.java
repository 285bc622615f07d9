package com.classlark.scim.console;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.SignedIn;
import com.classlark.scim.directory.section.StaffMember;
import com.classlark.scim.directory.section.StaffSection;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Staff section's staff pages: the searchable list, a staff member's page (read-only when the
 * identity provider manages the record, an edit form otherwise), adding, deactivating, reactivating
 * and removing. Every rule (validation, the SCIM lock, uniqueness) is {@link StaffSection}'s; which
 * school a user may see is {@link ConsoleSchools}'s.
 */
final class StaffRoutes {
  /** The fields of the add and edit forms, in order: API name, label, input type, hint. */
  private static final List<List<String>> FIELDS =
      List.of(
          List.of("email", "Email", "email", ""),
          List.of("givenName", "First name", "text", ""),
          List.of("familyName", "Last name", "text", ""),
          List.of("userType", "Type", "select", ""),
          List.of(
              "externalId",
              "External ID",
              "text",
              "Your school's own identifier, if it has one: your identity provider can use it to"
                  + " take over this record."),
          List.of("subjects", "Subjects", "text", "For example: Mathematics, Physics"),
          List.of("room", "Default room", "text", "For example: A113"),
          List.of(
              "meetingUrl",
              "Default meeting URL",
              "text",
              "A web address starting with https://, for online meetings"));

  private static final List<String> REQUIRED =
      List.of("email", "givenName", "familyName", "userType");

  private static final Map<String, String> NOTICES =
      Map.of(
          "added", "The staff member is added.",
          "saved", "Your changes are saved.",
          "deactivated",
              "Deactivated: they can no longer be booked or sign in. Their history and group"
                  + " memberships stay.",
          "reactivated", "Reactivated: they can be booked and sign in again.",
          "removed",
              "The staff member is removed. Their history stays in ClassLark, and their email"
                  + " address can be used for someone new.");

  private final StaffSection staff;
  private final Templates templates;
  private final Assets.Paths assets;

  StaffRoutes(StaffSection staff, Templates templates, Assets.Paths assets) {
    this.staff = staff;
    this.templates = templates;
    this.assets = assets;
  }

  void register(RoutesConfig routes) {
    String list = ConsolePaths.SCHOOLS + "/{schoolId}/staff";
    String member = list + "/{staffId}";
    routes.get(list, this::list);
    routes.get(list + "/new", this::addForm);
    routes.post(list + "/new", this::add);
    routes.get(member, this::show);
    routes.post(member, this::edit);
    routes.post(member + "/deactivate", ctx -> setActive(ctx, false));
    routes.post(member + "/reactivate", ctx -> setActive(ctx, true));
    routes.get(member + "/remove", this::confirmRemove);
    routes.post(member + "/remove", this::remove);
  }

  private void list(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String search = text(ctx.queryParam("q"));
    String active = choice(ctx.queryParam("active"));
    String managed = choice(ctx.queryParam("managed"));
    String path = SectionLinks.staff(request.schoolId());
    List<String> query = List.of("q", search, "active", active, "managed", managed);
    List<StaffPages.StaffRow> rows = List.of();
    StaffPages.Paging paging = new StaffPages.Paging(null, null, null);
    String problem = null;
    int status = 200;
    try {
      SectionLinks.Page<StaffSection.Listing> page =
          SectionLinks.read(
              ctx,
              cursor ->
                  staff.list(
                      request.caller(),
                      request.schoolId(),
                      new StaffSection.ListParameters(search, active, managed, null, cursor)));
      rows = page.content().items().stream().map(found -> row(request.schoolId(), found)).toList();
      paging =
          SectionLinks.paging(
              path, query, page.cursor(), page.trail(), page.content().nextCursor());
      problem = page.problem();
    } catch (DirectoryException refused) {
      if (refused.kind() != ProblemKind.VALIDATION) {
        throw refused;
      }
      status = 400;
      problem =
          String.join(
              " ",
              refused.errors().stream()
                  .map(
                      error ->
                          (error.field().equals("q")
                                  ? "The search"
                                  : "The " + error.field() + " filter")
                              + " "
                              + error.rule()
                              + ".")
                  .toList());
    }
    templates.render(
        ctx,
        status,
        "staff.jte",
        new StaffPages.StaffList(
            ConsoleRequest.chrome(assets, request.signedIn(), "Staff", ctx.path()),
            path,
            search,
            active,
            managed,
            rows,
            paging,
            path + "/new",
            SectionLinks.notice(ctx, NOTICES),
            problem));
  }

  private static StaffPages.StaffRow row(String schoolId, StaffMember member) {
    return new StaffPages.StaffRow(
        SectionLinks.staffMember(schoolId, member.id()),
        name(member),
        orEmpty(member.email()),
        orEmpty(member.userType()),
        orEmpty(member.room()),
        orEmpty(member.subjects()),
        member.active(),
        member.scimManaged());
  }

  private void show(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    StaffMember member = staff.get(request.caller(), request.schoolId(), ctx.pathParam("staffId"));
    renderMember(
        ctx,
        200,
        request.signedIn(),
        request.schoolId(),
        member,
        SectionLinks.notice(ctx, NOTICES),
        member.scimManaged()
            ? null
            : editForm(request.schoolId(), member, values(member), Map.of(), List.of()));
  }

  private void edit(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    String staffId = ctx.pathParam("staffId");
    Map<String, String> sent = sent(ctx);
    try {
      staff.edit(
          request.caller(), request.schoolId(), staffId, body(sent), ctx.formParam("version"));
      SectionLinks.redirect(ctx, SectionLinks.staffMember(request.schoolId(), staffId), "saved");
    } catch (DirectoryException refused) {
      StaffMember current = staff.get(request.caller(), request.schoolId(), staffId);
      switch (refused.kind()) {
        case VALIDATION, DUPLICATE_EMAIL ->
            renderMember(
                ctx,
                422,
                request.signedIn(),
                request.schoolId(),
                current,
                null,
                editForm(request.schoolId(), current, sent, fieldErrors(refused), List.of()));
        case VERSION_MISMATCH ->
            changedMeanwhile(ctx, request.signedIn(), request.schoolId(), current);
        default -> throw refused;
      }
    }
  }

  private void setActive(Context ctx, boolean active) {
    SectionRequest request = SectionRequest.of(ctx);
    String staffId = ctx.pathParam("staffId");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("active", active);
    try {
      staff.edit(request.caller(), request.schoolId(), staffId, body, ctx.formParam("version"));
    } catch (DirectoryException refused) {
      if (refused.kind() != ProblemKind.VERSION_MISMATCH) {
        throw refused;
      }
      changedMeanwhile(
          ctx,
          request.signedIn(),
          request.schoolId(),
          staff.get(request.caller(), request.schoolId(), staffId));
      return;
    }
    SectionLinks.redirect(
        ctx,
        SectionLinks.staffMember(request.schoolId(), staffId),
        active ? "reactivated" : "deactivated");
  }

  /**
   * The page of a staff member whom someone else changed since the page was loaded: nothing was
   * changed, and the page shows the record as it is now.
   */
  private void changedMeanwhile(
      Context ctx, SignedIn signedIn, String schoolId, StaffMember current) {
    renderMember(
        ctx,
        409,
        signedIn,
        schoolId,
        current,
        null,
        current.scimManaged()
            ? null
            : editForm(
                schoolId,
                current,
                values(current),
                Map.of(),
                List.of(
                    "Someone changed this staff member since you opened this page, so nothing was"
                        + " changed. The page now shows what it is now: make your change again.")));
  }

  private void confirmRemove(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    StaffMember member = staff.get(request.caller(), request.schoolId(), ctx.pathParam("staffId"));
    String page = SectionLinks.staffMember(request.schoolId(), member.id());
    if (member.scimManaged()) {
      ctx.redirect(page, HttpStatus.SEE_OTHER);
      return;
    }
    templates.render(
        ctx,
        200,
        "staff-confirm.jte",
        new StaffPages.Confirm(
            ConsoleRequest.chrome(assets, request.signedIn(), "Remove " + name(member), ctx.path()),
            "They are deactivated, leave every group and no longer appear in the Staff list. Their"
                + " history stays in ClassLark, and their email address ("
                + orEmpty(member.email())
                + ") can be used for someone new. This cannot be undone here.",
            page + "/remove",
            "Remove " + name(member),
            page,
            "Keep them"));
  }

  private void remove(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    staff.remove(
        request.caller(), request.schoolId(), ctx.pathParam("staffId"), ctx.formParam("version"));
    SectionLinks.redirect(ctx, SectionLinks.staff(request.schoolId()), "removed");
  }

  private void addForm(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    renderAdd(
        ctx, 200, request.signedIn(), request.schoolId(), Map.of("userType", "Staff"), Map.of());
  }

  private void add(Context ctx) {
    SectionRequest request = SectionRequest.of(ctx);
    Map<String, String> sent = sent(ctx);
    ObjectNode body = body(sent);
    body.put("active", true);
    try {
      StaffMember created = staff.create(request.caller(), request.schoolId(), body);
      SectionLinks.redirect(
          ctx, SectionLinks.staffMember(request.schoolId(), created.id()), "added");
    } catch (DirectoryException refused) {
      if (refused.kind() != ProblemKind.VALIDATION
          && refused.kind() != ProblemKind.DUPLICATE_EMAIL) {
        throw refused;
      }
      renderAdd(ctx, 422, request.signedIn(), request.schoolId(), sent, fieldErrors(refused));
    }
  }

  private void renderAdd(
      Context ctx,
      int status,
      SignedIn signedIn,
      String schoolId,
      Map<String, String> values,
      Map<String, String> errors) {
    templates.render(
        ctx,
        status,
        "form-page.jte",
        new StaffPages.FormPage(
            ConsoleRequest.chrome(assets, signedIn, "Add staff", ctx.path()),
            SectionLinks.staff(schoolId),
            "Back to the staff",
            "For schools that do not use SCIM, or staff your identity provider does not send. If"
                + " your identity provider later sends someone with the same External ID, it takes"
                + " over the record.",
            new StaffPages.Form(
                SectionLinks.staff(schoolId) + "/new",
                "Add staff member",
                null,
                fields(values, errors),
                unplaced(errors))));
  }

  private void renderMember(
      Context ctx,
      int status,
      SignedIn signedIn,
      String schoolId,
      StaffMember member,
      String notice,
      StaffPages.Form form) {
    String page = SectionLinks.staffMember(schoolId, member.id());
    templates.render(
        ctx,
        status,
        "staff-member.jte",
        new StaffPages.StaffMember(
            ConsoleRequest.chrome(assets, signedIn, name(member), ctx.path()),
            name(member),
            SectionLinks.staff(schoolId),
            member.scimManaged(),
            member.active(),
            notice,
            facts(member),
            form,
            page + (member.active() ? "/deactivate" : "/reactivate"),
            page + "/remove"));
  }

  private static List<StaffPages.Fact> facts(StaffMember member) {
    List<StaffPages.Fact> facts = new ArrayList<>();
    if (member.scimManaged()) {
      facts.add(new StaffPages.Fact("Email", orNotSet(member.email())));
      facts.add(new StaffPages.Fact("First name", orNotSet(member.givenName())));
      facts.add(new StaffPages.Fact("Last name", orNotSet(member.familyName())));
      facts.add(new StaffPages.Fact("Type", orNotSet(member.userType())));
      facts.add(new StaffPages.Fact("External ID", orNotSet(member.externalId())));
      facts.add(new StaffPages.Fact("Subjects", orNotSet(member.subjects())));
      facts.add(new StaffPages.Fact("Default room", orNotSet(member.room())));
      facts.add(new StaffPages.Fact("Default meeting URL", orNotSet(member.meetingUrl())));
    }
    facts.add(new StaffPages.Fact("State", member.active() ? "Active" : "Deactivated"));
    facts.add(new StaffPages.Fact("Added", Formats.dateTime(member.createdAt())));
    facts.add(new StaffPages.Fact("Last changed", Formats.dateTime(member.lastModified())));
    return facts;
  }

  private static StaffPages.Form editForm(
      String schoolId,
      StaffMember member,
      Map<String, String> values,
      Map<String, String> errors,
      List<String> problems) {
    List<String> all = new ArrayList<>(problems);
    all.addAll(unplaced(errors));
    return new StaffPages.Form(
        SectionLinks.staffMember(schoolId, member.id()),
        "Save changes",
        member.version(),
        fields(values, errors),
        all);
  }

  private static List<StaffPages.FormField> fields(
      Map<String, String> values, Map<String, String> errors) {
    return FIELDS.stream()
        .map(
            field -> {
              String name = field.get(0);
              String type = field.get(2);
              return new StaffPages.FormField(
                  name,
                  field.get(1),
                  type,
                  values.getOrDefault(name, ""),
                  errors.get(name),
                  REQUIRED.contains(name),
                  field.get(3).isEmpty() ? null : field.get(3),
                  type.equals("select") ? StaffRules.USER_TYPES : List.of(),
                  "off");
            })
        .toList();
  }

  /**
   * The refusal's errors by form field, each as a sentence that starts with the field's label
   * ("Email must be an email address, …"), the API's rule unchanged.
   */
  private static Map<String, String> fieldErrors(DirectoryException refused) {
    if (refused.kind() == ProblemKind.DUPLICATE_EMAIL) {
      return Map.of(
          "email",
          "Another staff member of this school already has this email address (compared ignoring"
              + " case). Use another email address, or change that staff member instead.");
    }
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    for (FieldError error : refused.errors()) {
      String label =
          FIELDS.stream()
              .filter(field -> field.get(0).equals(error.field()))
              .map(field -> field.get(1))
              .findFirst()
              .orElse(error.field());
      errors.merge(error.field(), label + " " + error.rule() + ".", (a, b) -> a + " " + b);
    }
    return errors;
  }

  /** The errors of fields the form does not show. */
  private static List<String> unplaced(Map<String, String> errors) {
    return errors.entrySet().stream()
        .filter(error -> FIELDS.stream().noneMatch(field -> field.get(0).equals(error.getKey())))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static Map<String, String> values(StaffMember member) {
    Map<String, String> values = new java.util.HashMap<>();
    values.put("email", orEmpty(member.email()));
    values.put("givenName", orEmpty(member.givenName()));
    values.put("familyName", orEmpty(member.familyName()));
    values.put("userType", orEmpty(member.userType()));
    values.put("externalId", orEmpty(member.externalId()));
    values.put("subjects", orEmpty(member.subjects()));
    values.put("room", orEmpty(member.room()));
    values.put("meetingUrl", orEmpty(member.meetingUrl()));
    return values;
  }

  /** The form's fields as sent; a field the browser left out counts as empty. */
  private static Map<String, String> sent(Context ctx) {
    Map<String, String> sent = new java.util.HashMap<>();
    for (List<String> field : FIELDS) {
      String value = ctx.formParam(field.get(0));
      sent.put(field.get(0), value == null ? "" : value.strip());
    }
    return sent;
  }

  /** The Staff section's body of a form: every field, an empty one meaning "clear". */
  private static ObjectNode body(Map<String, String> sent) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    for (List<String> field : FIELDS) {
      String value = sent.get(field.get(0));
      if (value.isEmpty()) {
        body.putNull(field.get(0));
      } else {
        body.put(field.get(0), value);
      }
    }
    return body;
  }

  static String name(StaffMember member) {
    String name = (orEmpty(member.givenName()) + " " + orEmpty(member.familyName())).strip();
    return name.isEmpty() ? orEmpty(member.email()) : name;
  }

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  /** A filter's value: {@code true}, {@code false}, or empty for both; anything else is empty. */
  private static String choice(String value) {
    return "true".equals(value) || "false".equals(value) ? value : "";
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String orNotSet(String value) {
    return value == null || value.isEmpty() ? "Not set" : value;
  }
}
