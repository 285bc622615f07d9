package com.classlark.scim.directory.log;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a school's provisioning log holds since a moment: entries per UTC day and outcome, and the
 * most frequent failure details, so that support sees the one error that keeps users from syncing.
 */
public record LogSummary(Instant since, List<Day> days, List<FailureCount> topFailures) {
  public LogSummary {
    days = List.copyOf(days);
    topFailures = List.copyOf(topFailures);
  }

  /** Entries of one UTC day. */
  public record Day(LocalDate date, long successes, long failures) {}

  /** How often one failure (status and detail) occurred. */
  public record FailureCount(int status, String scimType, String detail, long count) {}
}
