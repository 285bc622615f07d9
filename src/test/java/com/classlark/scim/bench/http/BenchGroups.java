package com.classlark.scim.bench.http;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.GroupSchemas;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.DatabaseTarget;
import com.classlark.scim.store.GroupBulkLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The groups of the seeded school, written straight into the database before the server starts: one
 * group each of 10, 10,000 and 100,000 members, the members being staff {@code 0…size-1}. A school
 * with fewer staff than a group wants gets a group of all its staff instead (the group is then
 * "capped", and every scenario name says so).
 */
record BenchGroups(List<BenchGroups.Group> groups) {
  /** The group sizes the membership target compares: the largest against the smallest. */
  static final List<Integer> WANTED_SIZES = List.of(10, 10_000, 100_000);

  /**
   * @param wanted the size asked for
   * @param size the members it has: {@code wanted}, or the school's size when that is smaller
   */
  record Group(String id, int wanted, int size) {
    boolean capped() {
      return size < wanted;
    }

    /** E.g. {@code 10,000 members}, or {@code 5,000 members (100,000 wanted; --staff caps it)}. */
    String label() {
      return capped()
          ? String.format(Locale.ROOT, "%,d members (%,d wanted; --staff caps it)", size, wanted)
          : String.format(Locale.ROOT, "%,d members", size);
    }
  }

  BenchGroups {
    groups = List.copyOf(groups);
  }

  Group smallest() {
    return groups.getFirst();
  }

  Group largest() {
    return groups.getLast();
  }

  /** Seeds the groups of {@link #WANTED_SIZES} into {@code school}; returns them and the time. */
  static Seeded seed(DatabaseTarget target, BenchSchool school) {
    long started = System.nanoTime();
    Instant created = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
    List<Group> groups = new ArrayList<>();
    try (Database database = Database.open(target)) {
      for (int wanted : WANTED_SIZES) {
        int size = Math.min(wanted, school.size());
        String id = UUID.randomUUID().toString();
        ObjectNode body = Json.object();
        body.putArray("schemas").add(GroupSchemas.CORE_URN);
        body.put("displayName", String.format(Locale.ROOT, "Benchmark group of %,d", wanted));
        body.put("externalId", UUID.randomUUID().toString());
        ObjectNode document = ResourceReader.read(ResourceTypes.GROUP, body);
        GroupBulkLoader.insert(
            database,
            school.accountId(),
            new StoredResource(id, document, created, created, 1, true),
            school.staffIds().subList(0, size));
        groups.add(new Group(id, wanted, size));
      }
    }
    return new Seeded(new BenchGroups(groups), Duration.ofNanos(System.nanoTime() - started));
  }

  /** Seeded groups and how long seeding took. */
  record Seeded(BenchGroups groups, Duration took) {}
}
