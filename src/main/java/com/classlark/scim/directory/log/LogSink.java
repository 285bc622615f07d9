package com.classlark.scim.directory.log;

/** Where the SCIM adapter hands its provisioning-log entries; it must never block. */
@FunctionalInterface
public interface LogSink {
  /** Keeps no entry: the provisioning log is off. */
  LogSink NONE = entry -> false;

  /**
   * Takes an entry, or drops it without waiting.
   *
   * @return false when the entry was dropped
   */
  boolean submit(LogEntry entry);
}
