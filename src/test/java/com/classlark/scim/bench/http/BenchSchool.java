package com.classlark.scim.bench.http;

import com.classlark.scim.app.Services;
import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.store.StaffBulkLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A school seeded straight into the database before the server starts: an account, a token and
 * {@code size} SCIM-managed staff members numbered 0…size-1 (see {@link StaffBodies}), created one
 * millisecond apart so that the listing order is their number.
 *
 * @param tag the school part of every userName and externalId
 * @param staffIds the id of member {@code n} at index {@code n}
 */
record BenchSchool(String accountId, String token, String tag, List<String> staffIds) {
  private static final int BATCH = 1_000;

  int size() {
    return staffIds.size();
  }

  /** Creates the school with {@code size} staff and returns it with the time seeding took. */
  static Seeded seed(DatabaseTarget target, String name, String tag, int size) {
    long started = System.nanoTime();
    try (Database database = Database.open(target)) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      Account account = services.accounts().create(name);
      String token = services.tokens().issue(account.id(), "benchmark", null).secret();
      List<String> ids = new ArrayList<>(size);
      Instant firstCreated =
          Instant.now()
              .minus(Duration.ofDays(30))
              .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      List<StoredResource> batch = new ArrayList<>(BATCH);
      for (int n = 0; n < size; n++) {
        ObjectNode document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body(tag, n));
        document.put("active", true);
        StaffRules.validate(document);
        Instant created = firstCreated.plusMillis(n);
        String id = UUID.randomUUID().toString();
        ids.add(id);
        batch.add(new StoredResource(id, document, created, created, 1, true));
        if (batch.size() == BATCH || n == size - 1) {
          StaffBulkLoader.insert(database, account.id(), batch);
          batch.clear();
        }
      }
      return new Seeded(
          new BenchSchool(account.id(), token, tag, List.copyOf(ids)),
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** Creates an empty school with its token (for the initial sync). */
  static BenchSchool empty(DatabaseTarget target, String name, String tag) {
    return seed(target, name, tag, 0).school();
  }

  /** A seeded school and how long seeding took. */
  record Seeded(BenchSchool school, Duration took) {}
}
