package com.classlark.scim.directory.console;

import java.time.Instant;
import java.util.Optional;

/** Persistence of console sessions and of failed sign-ins per email address. */
public interface ConsoleSessionStore {
  void insert(ConsoleSession session);

  Optional<ConsoleSession> find(String sessionHash);

  /** Records a request of the session. */
  void touch(String sessionHash, Instant at);

  void delete(String sessionHash);

  /** Ends every session whose last request was before {@code before}. */
  void deleteIdle(Instant before);

  /** Failed sign-ins in a row for the email key, and when the last one was. */
  record Failures(int count, Instant lastAt) {}

  Optional<Failures> failures(String emailKey);

  /**
   * Counts one more failed sign-in for the email key at {@code at}, and forgets the failures of
   * every email key whose last failure is before {@code forgetBefore}.
   */
  void recordFailure(String emailKey, Instant at, Instant forgetBefore);

  /** Forgets the failed sign-ins of the email key (after a successful sign-in). */
  void clearFailures(String emailKey);
}
