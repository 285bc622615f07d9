package com.classlark.scim.console;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.directory.RegeneratedToken;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.directory.RetiringToken;
import com.classlark.scim.directory.SchoolChange;
import com.classlark.scim.directory.SchoolCounts;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.ScimAccess;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.SchoolSummary;
import com.classlark.scim.directory.console.SignedIn;
import com.classlark.scim.directory.section.SchoolRelease;
import com.classlark.scim.directory.section.StaffMember;
import com.classlark.scim.directory.section.StaffSection;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Support's page of a school's SCIM access and its actions: issue, regenerate (leaked or planned
 * rotation) and revoke tokens, disable SCIM, release one staff member or every record, and the
 * default user type. Every action is a form post with the session's form token (checked by {@link
 * ConsoleAdapter}) that works without script; a new token is shown once, on the response to its
 * post. Every rule, support's role included, is the directory's: a school admin's forged post gets
 * its refusal, and another school's id is not found.
 */
final class SupportRoutes {
  private static final String BASE = ConsolePaths.SCHOOLS + "/{schoolId}/scim-access";
  private static final Pattern STAFF_ID = Pattern.compile("[0-9a-fA-F-]{36}");
  private static final int MAX_FIELD_LENGTH = 320;
  private static final int MAX_GRACE_HOURS = (int) ScimAccess.MAX_GRACE.toHours();
  private static final int MAX_EXPIRY_DAYS = (int) ScimAccess.MAX_LIFETIME.toDays();

  /** What the last action did, named in the redirect's query so that a reload repeats nothing. */
  enum Notice {
    REVOKED("The token was revoked: it stopped working at once."),
    DISABLED(
        "SCIM is disabled: every token was revoked. Records stay managed by the identity provider"
            + " until you release them."),
    RELEASED_ALL("Every record of the school was released: the school can edit them by hand."),
    NOTHING_RELEASED(
        "No record of the school was managed by the identity provider: nothing to release."),
    RELEASED_STAFF("The staff member was released: the school can edit the record by hand."),
    DEFAULT_USER_TYPE("The default staff type was saved.");

    final String words;

    Notice(String words) {
      this.words = words;
    }

    String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Notice> of(String key) {
      for (Notice notice : values()) {
        if (notice.key().equals(key)) {
          return Optional.of(notice);
        }
      }
      return Optional.empty();
    }
  }

  private final ConsoleSchools schools;
  private final Schools schoolSettings;
  private final ScimAccess access;
  private final StaffSection staff;
  private final SchoolRelease release;
  private final Templates templates;
  private final Assets.Paths assets;

  SupportRoutes(
      ConsoleSchools schools,
      Schools schoolSettings,
      ScimAccess access,
      StaffSection staff,
      SchoolRelease release,
      Templates templates,
      Assets.Paths assets) {
    this.schools = schools;
    this.schoolSettings = schoolSettings;
    this.access = access;
    this.staff = staff;
    this.release = release;
    this.templates = templates;
    this.assets = assets;
  }

  void register(RoutesConfig routes) {
    routes.get(BASE, this::page);
    routes.post(BASE + "/tokens", this::issue);
    routes.post(BASE + "/tokens/regenerate", this::regenerate);
    routes.post(BASE + "/tokens/{tokenId}/revoke", this::revoke);
    routes.get(BASE + "/disable", this::confirmDisable);
    routes.post(BASE + "/disable", this::disable);
    routes.get(BASE + "/release", this::confirmReleaseAll);
    routes.post(BASE + "/release", this::releaseAll);
    routes.get(BASE + "/release-staff", this::confirmReleaseStaff);
    routes.post(BASE + "/release-staff", this::releaseStaff);
    routes.post(BASE + "/default-user-type", this::defaultUserType);
  }

  /** The school, if this user may see it, and only for support: others get the refusal. */
  private SchoolSummary school(Context ctx, SignedIn signedIn) {
    SchoolSummary summary = schools.school(signedIn, ctx.pathParam("schoolId"));
    ConsoleSchools.requireSupport(signedIn, "manage a school's SCIM access");
    return summary;
  }

  private void page(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    String notice = Notice.of(ctx.queryParam("done")).map(found -> found.words).orElse(null);
    render(ctx, 200, signedIn, summary, notice, null);
  }

  private void render(
      Context ctx,
      int status,
      SignedIn signedIn,
      SchoolSummary summary,
      String notice,
      String problem) {
    String id = summary.school().account().id();
    String base = ConsolePaths.scimAccess(id);
    Instant now = summary.asOf();
    SchoolCounts counts = summary.school().counts();
    templates.render(
        ctx,
        status,
        "scim-access.jte",
        new SupportPages.ScimAccess(
            ConsoleRequest.chrome(
                assets, signedIn, "SCIM access · " + summary.school().account().name(), base),
            SchoolRoutes.row(summary.school(), null),
            notice,
            problem,
            summary.tokens().stream()
                .map(
                    token ->
                        new SupportPages.TokenAction(
                            SchoolRoutes.token(token, now),
                            token.usableAt(now)
                                ? base + "/tokens/" + token.id() + "/revoke"
                                : null))
                .toList(),
            ConsolePaths.provisioning(id),
            base + "/tokens",
            base + "/tokens/regenerate",
            base + "/disable",
            base + "/release",
            base + "/release-staff",
            base + "/default-user-type",
            StaffRules.USER_TYPES,
            summary.school().scim().defaultUserType(),
            counts.staffManaged(),
            counts.groupsManaged()));
  }

  /** Renders the page again with why the form was refused, in words. */
  private void refuse(Context ctx, SignedIn signedIn, SchoolSummary summary, String problem) {
    render(ctx, 422, signedIn, summary, null, problem);
  }

  private void issue(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    String label = text(ctx, "label");
    String days = text(ctx, "expiresInDays");
    Duration expiresIn = null;
    if (days != null) {
      Integer parsed = number(days, 1, MAX_EXPIRY_DAYS);
      if (parsed == null) {
        refuse(
            ctx,
            signedIn,
            summary,
            "The token was not issued: its lifetime must be a whole number of days from 1 to "
                + MAX_EXPIRY_DAYS
                + ", or empty for a token that does not expire.");
        return;
      }
      expiresIn = Duration.ofDays(parsed);
    }
    IssuedToken issued;
    try {
      issued = access.issue(caller(signedIn), summary.school().account().id(), label, expiresIn);
    } catch (DirectoryException refused) {
      refuseValidation(ctx, signedIn, summary, "The token was not issued", refused);
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        issued.token().expiresAt() == null
            ? "It does not expire."
            : "It works until " + Formats.dateTime(issued.token().expiresAt()) + ".");
    lines.add("The school's other tokens keep working.");
    showToken(ctx, signedIn, summary, "A new SCIM token", issued.secret(), lines);
  }

  private void regenerate(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    String mode = text(ctx, "mode");
    Duration grace;
    if ("leaked".equals(mode)) {
      grace = Duration.ZERO;
    } else if ("rotation".equals(mode)) {
      Integer hours = number(text(ctx, "graceHours"), 1, MAX_GRACE_HOURS);
      if (hours == null) {
        refuse(
            ctx,
            signedIn,
            summary,
            "No token was regenerated: for a planned rotation, keep the old token for a whole"
                + " number of hours from 1 to "
                + MAX_GRACE_HOURS
                + ".");
        return;
      }
      grace = Duration.ofHours(hours);
    } else {
      refuse(
          ctx,
          signedIn,
          summary,
          "No token was regenerated: choose whether the old token leaked or this is a planned"
              + " rotation.");
      return;
    }
    RegeneratedToken regenerated =
        access.regenerate(caller(signedIn), summary.school().account().id(), grace);
    List<String> lines = new ArrayList<>();
    if (regenerated.retiring().isEmpty()) {
      lines.add("The school had no other working token.");
    }
    for (RetiringToken retiring : regenerated.retiring()) {
      lines.add(
          grace.isZero()
              ? "The old token was revoked: it stopped working at once."
              : "The old token keeps working until "
                  + Formats.dateTime(retiring.expiresAt())
                  + ": replace it in the identity provider before then.");
    }
    showToken(
        ctx, signedIn, summary, "The regenerated SCIM token", regenerated.issued().secret(), lines);
  }

  private void showToken(
      Context ctx,
      SignedIn signedIn,
      SchoolSummary summary,
      String heading,
      String secret,
      List<String> lines) {
    String name = summary.school().account().name();
    templates.render(
        ctx,
        200,
        "token-shown.jte",
        new SupportPages.TokenShown(
            ConsoleRequest.chrome(assets, signedIn, heading + " · " + name, ctx.path()),
            heading,
            name,
            secret,
            lines,
            ConsolePaths.scimAccess(summary.school().account().id())));
  }

  private void revoke(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    access.revoke(caller(signedIn), summary.school().account().id(), ctx.pathParam("tokenId"));
    done(ctx, summary, Notice.REVOKED);
  }

  private void confirmDisable(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    Instant now = summary.asOf();
    long working = summary.tokens().stream().filter(token -> token.usableAt(now)).count();
    confirm(
        ctx,
        signedIn,
        summary,
        "Disable SCIM for " + summary.school().account().name() + "?",
        List.of(
            "This revokes "
                + count(working, "working token", "working tokens")
                + ": the identity provider stops provisioning at once.",
            "Records stay managed by the identity provider; release them separately if the school"
                + " wants to edit them by hand.",
            "To start again, issue a new token."),
        "disable",
        "Disable SCIM",
        List.of());
  }

  private void disable(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    access.disable(caller(signedIn), summary.school().account().id());
    done(ctx, summary, Notice.DISABLED);
  }

  private void confirmReleaseAll(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    SchoolCounts counts = summary.school().counts();
    confirm(
        ctx,
        signedIn,
        summary,
        "Release every record of " + summary.school().account().name() + "?",
        List.of(
            "This unlocks "
                + count(counts.staffManaged(), "staff record", "staff records")
                + " and "
                + count(counts.groupsManaged(), "group", "groups")
                + " that the identity provider manages now.",
            "The school can then edit them by hand, until the identity provider writes them"
                + " again, which locks them again."),
        "release",
        "Release " + (counts.staffManaged() + counts.groupsManaged()) + " records",
        List.of());
  }

  private void releaseAll(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    ReleasedCounts released = release.release(caller(signedIn), summary.school().account().id());
    done(
        ctx,
        summary,
        released.staff() + released.groups() == 0 ? Notice.NOTHING_RELEASED : Notice.RELEASED_ALL);
  }

  private void confirmReleaseStaff(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    String wanted = bounded(ctx.queryParam("staff"));
    if (wanted == null) {
      refuse(ctx, signedIn, summary, "Enter the staff member's email address or id to release.");
      return;
    }
    Optional<StaffMember> found = find(signedIn, summary.school().account().id(), wanted);
    if (found.isEmpty()) {
      refuse(
          ctx,
          signedIn,
          summary,
          "No staff member of this school has that email address or id; nothing was released.");
      return;
    }
    StaffMember member = found.get();
    String who = member.givenName() + " " + member.familyName() + " (" + member.email() + ")";
    if (!member.scimManaged()) {
      render(
          ctx,
          200,
          signedIn,
          summary,
          who + " is not managed by the identity provider: the school can already edit the record.",
          null);
      return;
    }
    confirm(
        ctx,
        signedIn,
        summary,
        "Release " + who + "?",
        List.of(
            "This unlocks 1 staff record: the school can edit it by hand, until the identity"
                + " provider writes it again, which locks it again."),
        "release-staff",
        "Release 1 record",
        List.of(new SupportPages.Hidden("staffId", member.id())));
  }

  private void releaseStaff(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    String staffId = text(ctx, "staffId");
    if (staffId == null || !STAFF_ID.matcher(staffId).matches()) {
      refuse(ctx, signedIn, summary, "No staff member was named; nothing was released.");
      return;
    }
    staff.release(caller(signedIn), summary.school().account().id(), staffId);
    done(ctx, summary, Notice.RELEASED_STAFF);
  }

  private void defaultUserType(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = school(ctx, signedIn);
    String userType = text(ctx, "defaultUserType");
    if (userType != null && !StaffRules.USER_TYPES.contains(userType)) {
      refuse(
          ctx,
          signedIn,
          summary,
          "The default staff type was not changed: choose one of "
              + String.join(", ", StaffRules.USER_TYPES)
              + ", or none.");
      return;
    }
    schoolSettings.update(
        caller(signedIn), summary.school().account().id(), SchoolChange.defaultUserType(userType));
    done(ctx, summary, Notice.DEFAULT_USER_TYPE);
  }

  private Optional<StaffMember> find(SignedIn signedIn, String schoolId, String wanted) {
    Caller caller = caller(signedIn);
    if (STAFF_ID.matcher(wanted).matches()) {
      try {
        return Optional.of(staff.get(caller, schoolId, wanted));
      } catch (DirectoryException notFound) {
        if (notFound.kind() != ProblemKind.NOT_FOUND) {
          throw notFound;
        }
        return Optional.empty();
      }
    }
    return staff
        .list(caller, schoolId, new StaffSection.ListParameters(wanted, null, null, "10", null))
        .items()
        .stream()
        .filter(member -> wanted.equalsIgnoreCase(member.email()))
        .findFirst();
  }

  private void confirm(
      Context ctx,
      SignedIn signedIn,
      SchoolSummary summary,
      String heading,
      List<String> lines,
      String action,
      String button,
      List<SupportPages.Hidden> fields) {
    String base = ConsolePaths.scimAccess(summary.school().account().id());
    templates.render(
        ctx,
        200,
        "confirm.jte",
        new SupportPages.Confirm(
            ConsoleRequest.chrome(assets, signedIn, heading, ctx.path()),
            heading,
            lines,
            base + "/" + action,
            button,
            fields,
            base));
  }

  private static void done(Context ctx, SchoolSummary summary, Notice notice) {
    ctx.redirect(
        ConsolePaths.scimAccess(summary.school().account().id()) + "?done=" + notice.key(),
        HttpStatus.SEE_OTHER);
  }

  private void refuseValidation(
      Context ctx,
      SignedIn signedIn,
      SchoolSummary summary,
      String what,
      DirectoryException refused) {
    if (refused.kind() != ProblemKind.VALIDATION) {
      throw refused;
    }
    refuse(
        ctx,
        signedIn,
        summary,
        what
            + ": "
            + String.join(
                "; ",
                refused.errors().stream()
                    .map(error -> "the " + error.field() + " " + error.rule())
                    .toList())
            + ".");
  }

  private static Caller caller(SignedIn signedIn) {
    return ConsoleSchools.caller(signedIn);
  }

  /** A form field, stripped, or {@code null} when empty; cut to a bounded length. */
  private static String text(Context ctx, String name) {
    return bounded(ctx.formParam(name));
  }

  private static String bounded(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String stripped = value.strip();
    return stripped.length() > MAX_FIELD_LENGTH
        ? stripped.substring(0, MAX_FIELD_LENGTH)
        : stripped;
  }

  /** The whole number from {@code min} to {@code max}, or {@code null} for anything else. */
  private static Integer number(String text, int min, int max) {
    if (text == null || !text.matches("[0-9]{1,6}")) {
      return null;
    }
    int value = Integer.parseInt(text);
    return value < min || value > max ? null : value;
  }

  private static String count(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
