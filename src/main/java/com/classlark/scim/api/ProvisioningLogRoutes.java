package com.classlark.scim.api;

import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.log.LogJson;
import com.classlark.scim.directory.log.LogOutcome;
import com.classlark.scim.directory.log.LogPage;
import com.classlark.scim.directory.log.LogSummary;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/v1/schools/{school}/provisioning-log}: what the school's identity provider did and
 * why requests failed, newest first with a keyset cursor, and {@code …/summary}: counts per day and
 * outcome with the five most frequent failures (issue 15).
 */
final class ProvisioningLogRoutes implements ApiRoutes {
  static final String LOG = SchoolsRoutes.SCHOOL + "/provisioning-log";

  /** The summary's period when the request names none. */
  static final Duration DEFAULT_SUMMARY_PERIOD = Duration.ofDays(7);

  private final ProvisioningLog log;
  private final Clock clock;

  ProvisioningLogRoutes(ProvisioningLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(LOG, this::list);
    routes.get(LOG + "/summary", this::summary);
  }

  private void list(Context ctx) {
    LogPage page =
        log.page(
            ApiKeyAuth.caller(ctx),
            ctx.pathParam(SchoolsRoutes.SCHOOL_PARAMETER),
            outcome(ctx.queryParam("outcome")),
            blankToNull(ctx.queryParam("resourceId")),
            limit(ctx.queryParam("limit")),
            blankToNull(ctx.queryParam("cursor")));
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    page.entries().forEach(entry -> items.add(LogJson.entry(entry)));
    body.put("nextCursor", page.nextCursor());
    ApiResponses.json(ctx, 200, body);
  }

  private void summary(Context ctx) {
    LogSummary summary =
        log.summary(
            ApiKeyAuth.caller(ctx),
            ctx.pathParam(SchoolsRoutes.SCHOOL_PARAMETER),
            since(ctx.queryParam("since")));
    ObjectNode body = Json.object();
    body.put("since", ApiResponses.instant(summary.since()));
    ArrayNode days = body.putArray("days");
    for (LogSummary.Day day : summary.days()) {
      days.addObject()
          .put("date", day.date().toString())
          .put("success", day.successes())
          .put("failure", day.failures());
    }
    ArrayNode failures = body.putArray("topFailures");
    for (LogSummary.FailureCount failure : summary.topFailures()) {
      failures
          .addObject()
          .put("status", failure.status())
          .put("scimType", failure.scimType())
          .put("detail", failure.detail())
          .put("count", failure.count());
    }
    ApiResponses.json(ctx, 200, body);
  }

  private static LogOutcome outcome(String value) {
    if (value == null || value.isBlank()) {
      return LogOutcome.ANY;
    }
    return switch (value) {
      case "failure" -> LogOutcome.FAILURE;
      case "success" -> LogOutcome.SUCCESS;
      default -> throw invalid("outcome", "must be failure or success.");
    };
  }

  private static Integer limit(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw invalid(
          "limit", "must be a whole number between 1 and " + ProvisioningLog.MAX_LIMIT + ".");
    }
  }

  /**
   * {@code since} as an instant ({@code 2026-11-01T00:00:00Z}) or a UTC date ({@code 2026-11-01}).
   */
  private Instant since(String value) {
    if (value == null || value.isBlank()) {
      return clock.instant().minus(DEFAULT_SUMMARY_PERIOD);
    }
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(
          "since", "must be a UTC date (2026-11-01) or an instant (2026-11-01T08:00:00Z).");
    }
  }

  private static RuntimeException invalid(String field, String rule) {
    return Problems.validation(List.of(new FieldError(field, rule)));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
