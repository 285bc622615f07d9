package com.classlark.scim.console;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleSchools;
import com.classlark.scim.directory.console.SchoolSummary;
import com.classlark.scim.directory.console.SignedIn;
import com.classlark.scim.directory.log.LogEntry;
import com.classlark.scim.directory.log.LogHour;
import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.directory.log.LogPage;
import com.classlark.scim.directory.log.ProvisioningLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A school's Provisioning page, for its admin and for support: the SCIM connection (status, base
 * URL, tokens by prefix and last use), the provisioning log with failures first, each explained in
 * plain words, and the requests per hour over the last 7 days, drawn by uPlot from a same-origin
 * JSON endpoint and listed in a table for readers without script.
 */
final class ProvisioningRoutes {
  static final int PAGE_SIZE = 20;
  private static final String FAILURES_CURSOR = "failures";
  private static final String REQUESTS_CURSOR = "requests";
  private static final int MAX_CURSOR_LENGTH = 200;

  private final ConsoleSchools schools;
  private final ProvisioningLog log;
  private final Templates templates;
  private final Assets.Paths assets;
  private final String publicBaseUrl;

  ProvisioningRoutes(
      ConsoleSchools schools,
      ProvisioningLog log,
      Templates templates,
      Assets.Paths assets,
      String publicBaseUrl) {
    this.schools = schools;
    this.log = log;
    this.templates = templates;
    this.assets = assets;
    this.publicBaseUrl = publicBaseUrl;
  }

  void register(RoutesConfig routes) {
    routes.get(ConsolePaths.SCHOOLS + "/{schoolId}/provisioning", this::page);
    routes.get(ConsolePaths.SCHOOLS + "/{schoolId}/provisioning/hours", this::hours);
  }

  private void page(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = schools.school(signedIn, ctx.pathParam("schoolId"));
    String schoolId = summary.school().account().id();
    Caller caller = ConsoleSchools.caller(signedIn);
    String failuresCursor = cursor(ctx, FAILURES_CURSOR);
    String requestsCursor = cursor(ctx, REQUESTS_CURSOR);
    LogPage failures = entries(caller, schoolId, LogOutcome.FAILURE, failuresCursor);
    LogPage requests = entries(caller, schoolId, LogOutcome.SUCCESS, requestsCursor);
    List<LogHour> week = log.lastWeekByHour(caller, schoolId, summary.asOf());
    List<SupportPages.HourRow> busy = new ArrayList<>();
    long successes = 0;
    long failed = 0;
    for (LogHour hour : week.reversed()) {
      successes += hour.successes();
      failed += hour.failures();
      if (hour.successes() + hour.failures() > 0) {
        busy.add(
            new SupportPages.HourRow(
                Formats.dateTime(hour.start()), hour.successes(), hour.failures()));
      }
    }
    String self = ConsolePaths.provisioning(schoolId);
    Instant now = summary.asOf();
    templates.render(
        ctx,
        200,
        "provisioning.jte",
        new SupportPages.Provisioning(
            ConsoleRequest.chrome(
                assets, signedIn, "Provisioning · " + summary.school().account().name(), self),
            SchoolRoutes.row(summary.school(), null),
            SchoolRoutes.scimBaseUrl(ctx, publicBaseUrl),
            summary.tokens().stream()
                .filter(token -> token.usableAt(now))
                .map(token -> SchoolRoutes.token(token, now))
                .toList(),
            failures.entries().stream().map(ProvisioningRoutes::row).toList(),
            failures
                .next()
                .map(next -> link(self, FAILURES_CURSOR, next, REQUESTS_CURSOR, requestsCursor))
                .orElse(null),
            requests.entries().stream().map(ProvisioningRoutes::row).toList(),
            requests
                .next()
                .map(next -> link(self, REQUESTS_CURSOR, next, FAILURES_CURSOR, failuresCursor))
                .orElse(null),
            failuresCursor == null && requestsCursor == null ? null : self,
            self + "/hours",
            busy,
            successes,
            failed,
            signedIn.user().role() == ConsoleRole.SUPPORT
                ? ConsolePaths.scimAccess(schoolId)
                : null));
  }

  /** The chart's numbers: {"hours": [epoch seconds], "successes": [...], "failures": [...]}. */
  private void hours(Context ctx) {
    SignedIn signedIn = ConsoleRequest.signedIn(ctx);
    SchoolSummary summary = schools.school(signedIn, ctx.pathParam("schoolId"));
    List<LogHour> week =
        log.lastWeekByHour(
            ConsoleSchools.caller(signedIn), summary.school().account().id(), summary.asOf());
    StringBuilder hours = new StringBuilder();
    StringBuilder successes = new StringBuilder();
    StringBuilder failures = new StringBuilder();
    for (LogHour hour : week) {
      String separator = hours.isEmpty() ? "" : ",";
      hours.append(separator).append(hour.start().getEpochSecond());
      successes.append(separator).append(hour.successes());
      failures.append(separator).append(hour.failures());
    }
    ctx.status(200)
        .contentType("application/json")
        .result(
            "{\"hours\":["
                + hours
                + "],\"successes\":["
                + successes
                + "],\"failures\":["
                + failures
                + "]}");
  }

  /**
   * A page of the log; a cursor that is not one of this log's (edited by hand, cut short) shows the
   * newest entries instead of an error.
   */
  private LogPage entries(Caller caller, String schoolId, LogOutcome outcome, String cursor) {
    try {
      return log.page(caller, schoolId, outcome, null, PAGE_SIZE, cursor);
    } catch (DirectoryException refused) {
      if (cursor == null || refused.kind() != ProblemKind.VALIDATION) {
        throw refused;
      }
      return log.page(caller, schoolId, outcome, null, PAGE_SIZE, null);
    }
  }

  private static String cursor(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.length() > MAX_CURSOR_LENGTH ? value.substring(0, MAX_CURSOR_LENGTH) : value;
  }

  private static String link(
      String self, String name, String cursor, String otherName, String otherCursor) {
    String link = self + "?" + name + "=" + encode(cursor);
    return otherCursor == null ? link : link + "&" + otherName + "=" + encode(otherCursor);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static SupportPages.LogRow row(LogEntry entry) {
    return new SupportPages.LogRow(
        Formats.dateTime(entry.at()),
        FailureWords.what(entry),
        entry.resourceName() == null ? "" : entry.resourceName(),
        Integer.toString(entry.status()),
        entry.failed() ? "status status-bad" : "status status-good",
        entry.failed() ? FailureWords.explain(entry) : "",
        entry.detail() == null ? "" : entry.detail());
  }
}
