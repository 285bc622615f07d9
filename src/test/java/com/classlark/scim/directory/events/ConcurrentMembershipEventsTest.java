package com.classlark.scim.directory.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.Precondition;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent membership PATCHes of one group, which the store may commit together in one
 * transaction, each report their own difference: every event names ids of one request only, and
 * each membership made is in exactly one event, also the one that every request named.
 */
class ConcurrentMembershipEventsTest {
  private static final int REQUESTS = 8;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void concurrentChangesOfOneGroupEachReportTheirOwnDifference(Engine engine) throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Concurrent School").id();
      String shared = staff(services, school);
      List<String> own = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        own.add(staff(services, school));
      }
      String groupId =
          services.groups().create(school, Bodies.parse("{\"displayName\":\"Science\"}")).id();

      ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> requests = new ArrayList<>();
      try {
        for (String member : own) {
          String body =
              Bodies.json(
                  "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':"
                      + "[{'op':'add','path':'members','value':[{'value':'"
                      + shared
                      + "'},{'value':'"
                      + member
                      + "'}]}]}");
          requests.add(
              pool.submit(
                  () -> {
                    start.await();
                    return services
                        .groups()
                        .patch(school, groupId, Bodies.parse(body), Precondition.NONE);
                  }));
        }
        start.countDown();
        for (Future<?> request : requests) {
          assertThat(request.get(60, TimeUnit.SECONDS)).isNotNull();
        }
      } finally {
        pool.shutdownNow();
      }

      List<Set<String>> events = addedEvents(database, school, groupId);
      assertThat(events).hasSize(REQUESTS);
      Set<String> reported = new HashSet<>();
      int sharedReports = 0;
      for (Set<String> ids : events) {
        // One request's ids: its own member, and the shared one only if it added it.
        assertThat(ids.stream().filter(own::contains)).hasSize(1);
        assertThat(ids).hasSizeBetween(1, 2);
        sharedReports += ids.contains(shared) ? 1 : 0;
        reported.addAll(ids);
      }
      assertThat(sharedReports).as("events naming the member every request added").isOne();
      assertThat(reported).hasSize(REQUESTS + 1);
    }
  }

  private static String staff(Services services, String school) {
    return services
        .staff()
        .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("c"))))
        .resource()
        .id();
  }

  private static List<Set<String>> addedEvents(Database database, String school, String groupId) {
    List<String> data =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT data FROM change_events WHERE account_id = ? AND"
                                + " resource_id = ? AND type = 'group.members_added'")
                        .bind(0, school)
                        .bind(1, groupId)
                        .mapTo(String.class)
                        .list());
    List<Set<String>> events = new ArrayList<>();
    for (String each : data) {
      Set<String> ids = new HashSet<>();
      try {
        for (JsonNode id : Json.MAPPER.readTree(each).path("memberIds")) {
          ids.add(id.asText());
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      events.add(ids);
    }
    return events;
  }
}
