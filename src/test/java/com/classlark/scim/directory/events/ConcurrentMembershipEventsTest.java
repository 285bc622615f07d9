package com.classlark.scim.directory.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.Precondition;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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

  /**
   * Requests that name no member in common, queued behind a group whose change is held, are written
   * as one (one check, one delete, one insert, one batch of events): each still reports only its
   * own difference, and the one that names an unknown member is refused alone while the others are
   * written. On PostgreSQL the events of all seven carry at most two transaction ids (the held
   * batch's and the one behind it), which shows they were combined.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void disjointChangesQueuedBehindABusyGroupAreWrittenAsOneEachWithItsOwnEvents(Engine engine)
      throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Combined School").id();
      String groupId =
          services.groups().create(school, Bodies.parse("{\"displayName\":\"Art\"}")).id();
      String leaving = staff(services, school);
      services.groups().patch(school, groupId, membersOp("add", leaving), Precondition.NONE);
      String leader = staff(services, school);
      List<String> joining = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        joining.add(staff(services, school));
      }
      String refusedMember = staff(services, school);

      List<ObjectNode> bodies = new ArrayList<>();
      bodies.add(membersOp("add", leader));
      joining.forEach(member -> bodies.add(membersOp("add", member)));
      bodies.add(membersOp("remove", leaving));
      ObjectNode refusedBody = membersOp("add", refusedMember, "no-such-staff");
      Requests requests = new Requests(services, school, groupId);
      List<FutureTask<?>> written = new ArrayList<>();
      FutureTask<?> refused;
      try (Connection holder = holdGroups(engine, testDatabase)) {
        bodies.forEach(body -> written.add(requests.start(body)));
        refused = requests.start(refusedBody);
        // One request applies its batch and waits in the database for the holder; every other
        // request parks (WAITING) in line for the group, which is the only place it can wait.
        requests.awaitInLine(6);
        holder.rollback();
      }
      assertWrittenAndRefused(written, refused);

      List<String> expected = new ArrayList<>(joining);
      expected.add(leader);
      assertThat(memberIds(database, groupId)).containsExactlyInAnyOrderElementsOf(expected);
      List<String[]> events = events(database, groupId);
      assertThat(events)
          .extracting(event -> event[0] + " " + event[1])
          .containsExactlyInAnyOrder(
              "group.members_added [\"" + leaving + "\"]",
              "group.members_added [\"" + leader + "\"]",
              "group.members_added [\"" + joining.get(0) + "\"]",
              "group.members_added [\"" + joining.get(1) + "\"]",
              "group.members_added [\"" + joining.get(2) + "\"]",
              "group.members_added [\"" + joining.get(3) + "\"]",
              "group.members_removed [\"" + leaving + "\"]");
      if (engine == Engine.POSTGRES) {
        // The held batch's transaction and the one of everything that queued behind it.
        Set<String> transactions = new HashSet<>();
        for (String[] event : events) {
          if (!(event[0].equals("group.members_added") && event[1].contains(leaving))) {
            transactions.add(event[2]);
          }
        }
        assertThat(transactions).as("the requests' transactions").hasSizeBetween(1, 2);
      }
    }
  }

  /**
   * Requests that name a member in common, queued behind a group whose change is held, run one
   * after the other inside their batch, on the members' check the batch made once: the member three
   * of them add is added once, with one event, and the request that names an unknown member is
   * refused alone. The request adding another member leads (it is started first and holds the
   * group's turn before the others start), so the three that share a member are queued together;
   * written as one, each of them would report the member as added.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void overlappingChangesQueuedBehindABusyGroupRunInTurnAndRefuseOnlyTheUnknown(Engine engine)
      throws Exception {
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      Services services = Services.over(database, Clock.systemUTC());
      String school = services.accounts().create("Overlapping School").id();
      String groupId =
          services.groups().create(school, Bodies.parse("{\"displayName\":\"Music\"}")).id();
      String shared = staff(services, school);
      String other = staff(services, school);
      String refusedMember = staff(services, school);

      Requests requests = new Requests(services, school, groupId);
      List<FutureTask<?>> written = new ArrayList<>();
      FutureTask<?> refused;
      try (Connection holder = holdGroups(engine, testDatabase)) {
        written.add(requests.start(membersOp("add", other)));
        Thread leading = requests.threads.get(0);
        Conditions.await(
            "the leading request applying its batch",
            Duration.ofSeconds(60),
            () ->
                Arrays.stream(leading.getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("applyTogether")));
        for (int i = 0; i < 3; i++) {
          written.add(requests.start(membersOp("add", shared)));
        }
        refused = requests.start(membersOp("add", refusedMember, "no-such-staff"));
        requests.awaitInLine(4);
        holder.rollback();
      }
      assertWrittenAndRefused(written, refused);

      assertThat(memberIds(database, groupId)).containsExactlyInAnyOrder(shared, other);
      assertThat(events(database, groupId))
          .extracting(event -> event[0] + " " + event[1])
          .containsExactlyInAnyOrder(
              "group.members_added [\"" + shared + "\"]",
              "group.members_added [\"" + other + "\"]");
    }
  }

  /** PATCH requests to one group, each on a platform thread of its own. */
  private static final class Requests {
    private final Services services;
    private final String school;
    private final String groupId;
    final List<Thread> threads = new ArrayList<>();

    Requests(Services services, String school, String groupId) {
      this.services = services;
      this.school = school;
      this.groupId = groupId;
    }

    FutureTask<?> start(ObjectNode body) {
      FutureTask<?> request =
          new FutureTask<>(() -> services.groups().patch(school, groupId, body, Precondition.NONE));
      threads.add(Thread.ofPlatform().start(request));
      return request;
    }

    /** Waits until {@code count} requests are parked in line for the group. */
    void awaitInLine(int count) {
      Conditions.await(
          count + " requests in line behind the held one",
          Duration.ofSeconds(60),
          () ->
              threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() == count);
    }
  }

  /** Every request of {@code written} answered; {@code refused} refused for its unknown member. */
  private static void assertWrittenAndRefused(List<FutureTask<?>> written, FutureTask<?> refused)
      throws Exception {
    for (FutureTask<?> request : written) {
      assertThat(request.get(60, TimeUnit.SECONDS)).isNotNull();
    }
    assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ScimException.class)
        .cause()
        .hasMessage("member no-such-staff is not a User of this school; nothing was changed.");
  }

  /** Holds every group's change before its version is bumped: the batch ahead waits there. */
  private static Connection holdGroups(Engine engine, TestDatabase testDatabase) throws Exception {
    Connection connection = DriverManager.getConnection(testDatabase.target().jdbcUrl());
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          engine == Engine.POSTGRES
              ? "LOCK TABLE staff_groups IN EXCLUSIVE MODE"
              : "INSERT INTO accounts (id, name, created_at) VALUES ('hold', 'Hold', 0)");
    }
    return connection;
  }

  private static ObjectNode membersOp(String op, String... ids) {
    StringBuilder values = new StringBuilder();
    for (String id : ids) {
      values.append(values.isEmpty() ? "" : ",").append("{'value':'").append(id).append("'}");
    }
    return Bodies.parse(
        Bodies.json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':"
                + "[{'op':'"
                + op
                + "','path':'members','value':["
                + values
                + "]}]}"));
  }

  private static List<String> memberIds(Database database, String groupId) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT member_id FROM group_members WHERE group_id = ?")
                    .bind(0, groupId)
                    .mapTo(String.class)
                    .list());
  }

  /** Type, member ids (as JSON) and transaction id of the group's membership events. */
  private static List<String[]> events(Database database, String groupId) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT type, data, tx FROM change_events WHERE resource_id = ? AND type"
                            + " LIKE 'group.members_%'")
                    .bind(0, groupId)
                    .map(
                        (rs, ctx) -> {
                          try {
                            return new String[] {
                              rs.getString("type"),
                              Json.MAPPER
                                  .readTree(rs.getString("data"))
                                  .path("memberIds")
                                  .toString(),
                              rs.getString("tx")
                            };
                          } catch (JsonProcessingException e) {
                            throw new IllegalStateException(e);
                          }
                        })
                    .list());
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
