package com.classlark.scim.console;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.School;
import com.classlark.scim.directory.SchoolCounts;
import com.classlark.scim.directory.SchoolListing;
import com.classlark.scim.directory.SchoolScim;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.SchoolSummary;
import com.classlark.scim.directory.console.SignedIn;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.web.ForwardedRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Support's list of schools and each school's page, which is also a school admin's home. Which
 * schools a user may see is {@link ConsoleSchools}'s decision.
 */
final class SchoolRoutes {
  private static final int MAX_SEARCH_LENGTH = 200;
  static final int PAGE_SIZE = 50;

  private static final Duration FAILURE_WINDOW = Duration.ofHours(24);

  private final ConsoleSchools schools;
  private final ProvisioningLog log;
  private final Clock clock;
  private final Templates templates;
  private final Assets.Paths assets;
  private final String publicBaseUrl;

  SchoolRoutes(
      ConsoleSchools schools,
      ProvisioningLog log,
      Clock clock,
      Templates templates,
      Assets.Paths assets,
      String publicBaseUrl) {
    this.schools = schools;
    this.log = log;
    this.clock = clock;
    this.templates = templates;
    this.assets = assets;
    this.publicBaseUrl = publicBaseUrl;
  }

  void register(RoutesConfig routes) {
    routes.get(ConsolePaths.SCHOOLS, this::list);
    routes.get(ConsolePaths.SCHOOLS + "/{schoolId}", this::show);
  }

  private void list(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    ConsoleSchools.requireSupport(signedIn, "see every school");
    String search = ctx.queryParam("q");
    if (search != null && search.length() > MAX_SEARCH_LENGTH) {
      search = search.substring(0, MAX_SEARCH_LENGTH);
    }
    String after = ctx.queryParam("after");
    if (after != null && after.length() > MAX_SEARCH_LENGTH) {
      after = null;
    }
    SchoolListing listing = schools.visible(signedIn, search, after, PAGE_SIZE);
    List<School> visible = listing.schools();
    Map<String, Long> failures =
        log.failuresSince(
            ConsoleSchools.caller(signedIn),
            visible.stream().map(school -> school.account().id()).toList(),
            clock.instant().minus(FAILURE_WINDOW));
    List<Pages.SchoolRow> rows =
        visible.stream()
            .map(school -> row(school, failures.getOrDefault(school.account().id(), 0L)))
            .toList();
    templates.render(
        ctx,
        200,
        "schools.jte",
        new Pages.Schools(
            ConsoleRequest.chrome(assets, signedIn, "Schools", ctx.path()),
            search == null ? "" : search,
            rows,
            listing.nextCursor() == null ? null : next(search, listing.nextCursor())));
  }

  /** The link to the next page of the list, keeping the search. */
  private static String next(String search, String after) {
    String link =
        ConsolePaths.SCHOOLS + "?after=" + URLEncoder.encode(after, StandardCharsets.UTF_8);
    return search == null || search.isBlank()
        ? link
        : link + "&q=" + URLEncoder.encode(search, StandardCharsets.UTF_8);
  }

  private void show(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = schools.school(signedIn, ctx.pathParam("schoolId"));
    School school = summary.school();
    SchoolCounts counts = school.counts();
    templates.render(
        ctx,
        200,
        "school.jte",
        new Pages.School(
            ConsoleRequest.chrome(assets, signedIn, school.account().name(), ctx.path()),
            row(school, null),
            scimBaseUrl(ctx, publicBaseUrl),
            counts.staffTotal()
                + " ("
                + counts.staffActive()
                + " active, "
                + counts.staffManaged()
                + " managed by your identity provider)",
            counts.groupsTotal()
                + " ("
                + counts.groupsManaged()
                + " managed by your identity provider)",
            school.scim().defaultUserType() == null ? "None" : school.scim().defaultUserType(),
            summary.tokens().stream().map(token -> token(token, summary.asOf())).toList(),
            signedIn.user().role() == ConsoleRole.SUPPORT
                ? ConsolePaths.scimAccess(school.account().id())
                : null));
  }

  /** The SCIM base URL to paste into an identity provider. */
  static String scimBaseUrl(Context ctx, String publicBaseUrl) {
    return (publicBaseUrl != null ? publicBaseUrl : ForwardedRequest.origin(ctx)) + "/scim/v2";
  }

  /**
   * @param failuresLastDay the school's failed SCIM requests in the last 24 hours, or {@code null}
   *     where the page does not show them
   */
  static Pages.SchoolRow row(School school, Long failuresLastDay) {
    SchoolScim scim = school.scim();
    return new Pages.SchoolRow(
        ConsolePaths.school(school.account().id()),
        school.account().name(),
        school.account().id(),
        Formats.date(school.account().createdAt()),
        switch (scim.status()) {
          case NOT_SET_UP -> "Not set up";
          case ENABLED -> "Enabled";
          case DISABLED -> "Disabled";
        },
        switch (scim.status()) {
          case NOT_SET_UP -> "status status-neutral";
          case ENABLED -> "status status-good";
          case DISABLED -> "status status-warning";
        },
        switch (scim.status()) {
          case NOT_SET_UP ->
              "No SCIM token has been issued yet: the identity provider cannot connect.";
          case ENABLED -> "The identity provider can connect with a working token.";
          case DISABLED ->
              "No SCIM token works any more (disabled, revoked or expired): provisioning stops"
                  + " until ClassLark support issues a new one.";
        },
        Formats.dateTimeOr(scim.lastUsedAt(), "Never"),
        failuresLastDay == null ? 0 : failuresLastDay,
        ConsolePaths.provisioning(school.account().id()));
  }

  static Pages.TokenRow token(ApiToken token, Instant now) {
    String state;
    if (token.revokedAt() != null) {
      state = "Revoked " + Formats.dateTime(token.revokedAt());
    } else if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
      state = "Expired " + Formats.dateTime(token.expiresAt());
    } else if (token.expiresAt() != null) {
      state = "Works until " + Formats.dateTime(token.expiresAt());
    } else {
      state = "Works, does not expire";
    }
    return new Pages.TokenRow(
        token.prefix() + "…",
        token.label() == null ? "" : token.label(),
        Formats.dateTime(token.createdAt()),
        Formats.dateTimeOr(token.lastUsedAt(), "Never"),
        state);
  }
}
