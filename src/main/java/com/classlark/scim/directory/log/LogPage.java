package com.classlark.scim.directory.log;

import java.util.List;
import java.util.Optional;

/**
 * One page of a school's provisioning log, newest first.
 *
 * @param nextCursor where the next (older) page starts, or {@code null} on the last page
 */
public record LogPage(List<LogEntry> entries, String nextCursor) {
  public LogPage {
    entries = List.copyOf(entries);
  }

  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
