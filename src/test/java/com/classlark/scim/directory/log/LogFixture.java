package com.classlark.scim.directory.log;

import com.classlark.scim.store.Database;
import com.classlark.scim.store.JdbcProvisioningLogStore;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A migrated database of one engine with one school, and entries to log for it. */
final class LogFixture implements AutoCloseable {
  final TestDatabase testDatabase;
  final Database database;
  final JdbcProvisioningLogStore store;
  final String school = UUID.randomUUID().toString();

  LogFixture(Engine engine) {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    database
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Log School', 0)",
                    school));
    store = new JdbcProvisioningLogStore(database);
  }

  /** A failed PATCH of the school at {@code at}. */
  LogEntry entry(Instant at) {
    return entry(at, school);
  }

  /** A failed PATCH of {@code accountId} at {@code at}. */
  LogEntry entry(Instant at, String accountId) {
    return new LogEntry(
        UUID.randomUUID().toString(),
        accountId,
        at,
        "PATCH",
        "/Users/42",
        LogOperation.UPDATE,
        "User",
        "42",
        "jane@school.example",
        400,
        "invalidValue",
        "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator",
        List.of(),
        null,
        null,
        "corr-1",
        3,
        null);
  }

  /** The ids of the school's stored entries, newest first. */
  List<String> storedIds() {
    return store.page(school, LogOutcome.ANY, null, null, null, 1000).stream()
        .map(LogEntry::id)
        .toList();
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      testDatabase.close();
    }
  }
}
