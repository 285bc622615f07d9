package com.classlark.scim.directory.log;

import com.classlark.scim.directory.AccountStore;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading a school's provisioning log (issue 15): newest first with a keyset cursor, and a summary
 * by day and outcome with the most frequent failures. Both need the {@code app} role; a school that
 * does not exist is not found.
 */
public final class ProvisioningLog {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;
  static final int TOP_FAILURES = 5;

  /** The hours of the provisioning chart: the last 7 days. */
  public static final int CHART_HOURS = 7 * 24;

  private final ProvisioningLogStore store;
  private final AccountStore accounts;

  public ProvisioningLog(ProvisioningLogStore store, AccountStore accounts) {
    this.store = store;
    this.accounts = accounts;
  }

  /**
   * A page of the school's entries, newest first.
   *
   * @param resourceId only entries about this resource, or {@code null}
   * @param limit entries per page, or {@code null} for {@value #DEFAULT_LIMIT}
   * @param cursor the {@link LogPage#nextCursor} of the previous page, or {@code null} for the
   *     first
   */
  public LogPage page(
      Caller caller,
      String schoolId,
      LogOutcome outcome,
      String resourceId,
      Integer limit,
      String cursor) {
    caller.require(ApiKeyRole.APP, "read the provisioning log");
    requireSchool(schoolId);
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw Problems.validation(
          List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT + ".")));
    }
    Position after = cursor == null ? null : Position.decode(cursor);
    List<LogEntry> entries =
        store.page(
            schoolId,
            outcome,
            resourceId,
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            size + 1);
    if (entries.size() <= size) {
      return new LogPage(entries, null);
    }
    List<LogEntry> shown = entries.subList(0, size);
    LogEntry last = shown.get(size - 1);
    return new LogPage(shown, new Position(last.at(), last.id()).encode());
  }

  /** Counts by day and outcome since {@code since}, and the five most frequent failures. */
  public LogSummary summary(Caller caller, String schoolId, Instant since) {
    caller.require(ApiKeyRole.APP, "read the provisioning log");
    requireSchool(schoolId);
    return store.summary(schoolId, since, TOP_FAILURES);
  }

  /**
   * Successful and failed requests per UTC hour over the {@value #CHART_HOURS} hours up to and
   * including the hour of {@code now}, oldest first, hours without requests included: always
   * {@value #CHART_HOURS} buckets, whatever the log holds.
   */
  public List<LogHour> lastWeekByHour(Caller caller, String schoolId, Instant now) {
    caller.require(ApiKeyRole.APP, "read the provisioning log");
    requireSchool(schoolId);
    Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    Instant start = end.minus(CHART_HOURS, ChronoUnit.HOURS);
    Map<Instant, LogHour> found = new HashMap<>();
    for (LogHour hour : store.hourly(schoolId, start, end)) {
      found.put(hour.start(), hour);
    }
    List<LogHour> hours = new ArrayList<>(CHART_HOURS);
    for (int i = 0; i < CHART_HOURS; i++) {
      Instant hour = start.plus(i, ChronoUnit.HOURS);
      hours.add(found.getOrDefault(hour, new LogHour(hour, 0, 0)));
    }
    return hours;
  }

  /**
   * How many failures each school logged since a moment (support), in one read for all of them; a
   * school without failures is absent.
   */
  public Map<String, Long> failuresSince(Caller caller, List<String> schoolIds, Instant since) {
    caller.require(ApiKeyRole.SUPPORT, "read every school's provisioning log");
    return schoolIds.isEmpty() ? Map.of() : store.failuresSince(schoolIds, since);
  }

  private void requireSchool(String schoolId) {
    if (accounts.find(schoolId).isEmpty()) {
      throw Problems.schoolNotFound(schoolId);
    }
  }

  /** The keyset position of the last entry of a page, opaque to clients. */
  private record Position(Instant at, String id) {
    String encode() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Position decode(String cursor) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
          throw invalidCursor();
        }
        return new Position(
            Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))),
            text.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw invalidCursor();
      }
    }

    private static RuntimeException invalidCursor() {
      return Problems.validation(
          List.of(
              new FieldError(
                  "cursor",
                  "is not a cursor of this log; use the nextCursor of the previous page, or no"
                      + " cursor for the newest entries.")));
    }
  }
}
