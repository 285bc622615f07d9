package com.classlark.scim.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.ServiceProcess;
import com.classlark.scim.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transactional outbox under {@code kill -9}: several clients create and deactivate staff over
 * SCIM, the real process is killed in the middle, and after a restart every acknowledged write has
 * its event, every event's change is in the database, no change is without its event, and every
 * event has its position in the feed (the restarted sequencer numbers those the kill left without).
 */
class ChangeFeedCrashIT {
  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @ParameterizedTest
  @EnumSource(Engine.class)
  void afterKill9EveryAcknowledgedWriteHasItsEventAndEveryEventItsChange(Engine engine)
      throws Exception {
    try (TestDatabase database = TestDatabase.create(engine)) {
      String token = ServiceProcess.provision(database);
      Set<String> created = ConcurrentHashMap.newKeySet();
      Set<String> deactivated = ConcurrentHashMap.newKeySet();
      AtomicInteger acknowledged = new AtomicInteger();
      try (ServiceProcess service = ServiceProcess.start(database, Map.of(), "--rate-limit", "0")) {
        String users = service.baseUrl() + "/Users";
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int writer = 0; writer < WRITERS; writer++) {
          writers.execute(
              () -> {
                while (true) {
                  HttpResponse<String> posted =
                      send(post(users, token, Bodies.staff(Bodies.uniqueEmail("crash"))));
                  if (posted == null) {
                    return;
                  }
                  if (posted.statusCode() != 201) {
                    continue;
                  }
                  String id = Bodies.parse(posted.body()).path("id").asText();
                  created.add(id);
                  acknowledged.incrementAndGet();
                  HttpResponse<String> patched =
                      send(
                          patch(
                              users + "/" + id,
                              token,
                              Bodies.json(
                                  "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                                      + "'Operations':[{'op':'replace','path':'active',"
                                      + "'value':false}]}")));
                  if (patched == null) {
                    return;
                  }
                  if (patched.statusCode() == 200) {
                    deactivated.add(id);
                    acknowledged.incrementAndGet();
                  }
                }
              });
        }
        Conditions.await(
            ACKNOWLEDGED_BEFORE_KILL + " acknowledged writes before the kill",
            Duration.ofSeconds(120),
            () -> acknowledged.get() >= ACKNOWLEDGED_BEFORE_KILL);
        service.process().destroyForcibly();
        service.process().waitFor(30, TimeUnit.SECONDS);
        writers.shutdown();
        assertThat(writers.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
      }
      // A restart recovers the database (SQLite's WAL, PostgreSQL's connections) and serves.
      try (ServiceProcess restarted =
          ServiceProcess.start(database, Map.of(), "--rate-limit", "0")) {
        HttpResponse<String> read = send(get(restarted.baseUrl() + "/Users?count=1", token));
        assertThat(read).isNotNull();
        assertThat(read.statusCode()).isEqualTo(200);
        // Events committed before the kill but not yet given a position get one now.
        try (Database db = Database.open(database.target())) {
          Conditions.await(
              "every event has its position", Duration.ofSeconds(60), () -> unsequenced(db) == 0);
        }
      }

      try (Database db = Database.open(database.target())) {
        Map<String, Boolean> rows = staffRows(db);
        Map<String, List<String>> events = eventsByResource(db);
        // Every acknowledged write is there, with its event.
        assertThat(rows.keySet()).containsAll(created);
        for (String id : created) {
          assertThat(events.get(id)).as("events of " + id).contains("staff.created");
        }
        for (String id : deactivated) {
          assertThat(rows.get(id)).as("active of " + id).isFalse();
          assertThat(events.get(id)).as("events of " + id).contains("staff.deactivated");
        }
        // Every change has its event and every event its change, acknowledged or not.
        assertThat(events.keySet()).isEqualTo(rows.keySet());
        rows.forEach(
            (id, active) -> {
              assertThat(events.get(id)).as("events of " + id).startsWith("staff.created");
              assertThat(events.get(id).contains("staff.deactivated"))
                  .as("deactivation event of " + id)
                  .isEqualTo(!active);
            });
      }
    }
  }

  private static int unsequenced(Database db) {
    return db.jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT COUNT(*) FROM change_events WHERE seq IS NULL")
                    .mapTo(Integer.class)
                    .one());
  }

  private static Map<String, Boolean> staffRows(Database db) {
    return db
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT id, active FROM staff")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                    .list())
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static Map<String, List<String>> eventsByResource(Database db) {
    return db
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT resource_id, type FROM change_events ORDER BY seq")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list())
        .stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey,
                java.util.LinkedHashMap::new,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  /** The answer, or null when the service did not answer (killed). */
  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/scim+json");
  }

  private static HttpRequest get(String url, String token) {
    return request(url, token).GET().build();
  }

  private static HttpRequest post(String url, String token, String json) {
    return request(url, token).POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private static HttpRequest patch(String url, String token, String json) {
    return request(url, token).method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build();
  }
}
