package com.classlark.scim.directory.log;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Storage of the provisioning log; every read is scoped by the school. */
public interface ProvisioningLogStore {
  /** Inserts the entries in one transaction. */
  void insert(List<LogEntry> entries);

  /**
   * Up to {@code limit} entries of the school, newest first ({@code at} then {@code id}, both
   * descending), strictly older than the position {@code (beforeAt, beforeId)} when it is given.
   *
   * @param resourceId only entries about this resource, or {@code null} for all
   * @param beforeAt with {@code beforeId}, the last entry of the previous page, or {@code null}
   */
  List<LogEntry> page(
      String accountId,
      LogOutcome outcome,
      String resourceId,
      Instant beforeAt,
      String beforeId,
      int limit);

  /** Counts per UTC day and outcome, and the {@code top} most frequent failures, since a moment. */
  LogSummary summary(String accountId, Instant since, int top);

  /**
   * Entries per UTC hour and outcome in {@code [from, until)}: one row per hour that has entries,
   * oldest first, so at most one per hour of the range.
   */
  List<LogHour> hourly(String accountId, Instant from, Instant until);

  /** How many failures each of the schools logged since a moment; a school with none is absent. */
  Map<String, Long> failuresSince(Collection<String> accountIds, Instant since);

  /**
   * Deletes at most {@code batch} entries (of any school) older than {@code cutoff}.
   *
   * @return how many it deleted; fewer than {@code batch} means none is left
   */
  int deleteOlderThan(Instant cutoff, int batch);
}
