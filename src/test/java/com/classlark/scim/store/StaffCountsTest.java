package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kept number of live staff, which an unfiltered listing reports as {@code totalResults}, stays
 * equal to a count of the rows while writers create and retire staff concurrently, and belongs to
 * its own school.
 */
class StaffCountsTest {
  private static final int WRITERS = 8;
  private static final int CREATES_PER_WRITER = 40;
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private static StoredResource staff(String userName) {
    ObjectNode document = Json.object();
    document.put("userName", userName);
    document.putObject("name").put("givenName", "Given").put("familyName", "Family");
    document.put("userType", "Staff");
    document.put("active", true);
    return new StoredResource(UUID.randomUUID().toString(), document, NOW, NOW, 1, true);
  }

  private static long liveRows(Database database, String school) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT COUNT(*) FROM staff WHERE account_id = ? AND retired_at IS NULL")
                    .bind(0, school)
                    .mapTo(Long.class)
                    .one());
  }

  private static long totalResults(JdbcStaffStore store, String school) {
    return store
        .list(school, new ListRequest(null, null, 0, new ListRequest.Paging.Index(1)))
        .totalResults();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void totalResultsEqualsTheLiveRowsAfterConcurrentCreatesAndRetires(Engine engine)
      throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      String school = UUID.randomUUID().toString();
      String otherSchool = UUID.randomUUID().toString();
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle.execute(
                      "INSERT INTO accounts (id, name, created_at) VALUES (?, 'A', 0), (?, 'B', 0)",
                      school,
                      otherSchool));
      JdbcStaffStore store = new JdbcStaffStore(database);
      store.insert(otherSchool, staff("other@school.example"));

      ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
          int number = writer;
          writers.add(
              executor.submit(
                  () -> {
                    for (int i = 0; i < CREATES_PER_WRITER; i++) {
                      StoredResource created = staff("w" + number + "-" + i + "@school.example");
                      store.insert(school, created);
                      if (i % 3 == 0) {
                        StoredResource retired =
                            new StoredResource(created.id(), created.document(), NOW, NOW, 2, true);
                        assertThat(store.retire(school, retired, 1)).isTrue();
                        // A second retire of the same record changes nothing, the count included.
                        assertThat(store.retire(school, retired, 2)).isFalse();
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get();
        }
      } finally {
        executor.shutdown();
      }

      long retiredPerWriter = (CREATES_PER_WRITER + 2) / 3;
      long expected = WRITERS * (CREATES_PER_WRITER - retiredPerWriter);
      assertThat(liveRows(database, school)).isEqualTo(expected);
      assertThat(totalResults(store, school)).isEqualTo(expected);
      assertThat(totalResults(store, otherSchool)).isEqualTo(1);
    }
  }
}
