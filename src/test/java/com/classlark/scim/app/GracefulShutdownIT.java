package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.ServiceProcess;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGTERM to the real process during a burst of writes from several clients (POST /Users, PATCH,
 * /Bulk): every request is either answered as usual, or refused without being processed (connection
 * refused or reset, or a 503 saying so); every answered write is in the database, and no write
 * without an answer is; the process ends with 0 and says so.
 */
class GracefulShutdownIT {
  private static final String REFUSED =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"503\","
          + "\"detail\":\"The service is shutting down and did not process this request; send it"
          + " again.\"}";
  private static final int BULK_OPERATIONS = 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** What a client got: an HTTP answer, or no answer at all ({@code status} 0). */
  private record Outcome(int status, String body) {
    boolean answered() {
      return status != 0;
    }
  }

  /** One client's sequence of requests, the n-th made by {@code request}. */
  private record Writer(String name, IntFunction<HttpRequest> request, List<Outcome> outcomes) {}

  @ParameterizedTest
  @EnumSource(Engine.class)
  void sigtermDuringABurstOfWritesAnswersOrRefusesEveryRequestAndLosesNone(Engine engine)
      throws Exception {
    try (TestDatabase database = TestDatabase.create(engine)) {
      String token = ServiceProcess.provision(database);
      try (ServiceProcess service =
          // The default drain window: a shorter one let a starved test client's first /readyz
          // arrive after the window, where it met the refusal instead of "503 shutting down".
          // No per-school rate limit: five seconds of the burst would exceed it, and 429s are not
          // what this test is about.
          ServiceProcess.start(
              database,
              Map.of(),
              "--shutdown-drain",
              "5s",
              "--shutdown-timeout",
              "60s",
              "--rate-limit",
              "0")) {
        String base = service.baseUrl();
        List<String> patched = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          Outcome created = send(post(base + "/Users", token, user("patched-" + i, "Start")));
          assertThat(created.status()).as(created.body()).isEqualTo(201);
          patched.add(Json.parse(created.body().getBytes()).get("id").textValue());
        }
        List<Writer> writers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          String prefix = "post" + t + "-";
          writers.add(
              writer(prefix, n -> post(base + "/Users", token, user(prefix + n, "Posted"))));
        }
        for (String id : patched) {
          writers.add(
              writer(
                  id,
                  n ->
                      request(base + "/Users/" + id, token)
                          .method("PATCH", body(givenNamePatch("P" + n)))
                          .build()));
        }
        writers.add(writer("bulk", n -> post(base + "/Bulk", token, bulk("bulk" + n + "-"))));

        CountDownLatch burst = new CountDownLatch(30);
        int exitStatus;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
          for (Writer writer : writers) {
            clients.submit(() -> run(writer, burst));
          }
          assertThat(burst.await(120, TimeUnit.SECONDS)).isTrue();
          service.process().destroy();
          assertThat(firstUnready(base + "/readyz")).isEqualTo("503 shutting down");
          exitStatus = service.awaitExit(Duration.ofSeconds(120));
        }

        for (Writer writer : writers) {
          System.out.printf(
              "%s %s: %d answered as usual, %d refused with 503, %d not answered%n",
              engine,
              writer.name(),
              writer.outcomes().stream().filter(o -> o.status() >= 200 && o.status() < 300).count(),
              writer.outcomes().stream().filter(o -> o.status() == 503).count(),
              writer.outcomes().stream().filter(o -> !o.answered()).count());
        }
        assertThat(exitStatus).as(service.log()).isZero();
        assertThat(service.log())
            .contains("shutting down: /readyz answers 503")
            .contains("stopped: every request in flight finished; the database pool is closed");
        for (Writer writer : writers) {
          for (Outcome outcome : writer.outcomes()) {
            if (outcome.answered() && outcome.status() >= 300) {
              assertThat(outcome.status())
                  .as(() -> writer.name() + " " + outcome.body() + "\n" + service.log())
                  .isEqualTo(503);
              assertThat(outcome.body()).isEqualTo(REFUSED);
            }
          }
        }
        assertRowsMatchAnswers(database, writers, patched);
      }
    }
  }

  private Writer writer(String name, IntFunction<HttpRequest> request) {
    return new Writer(name, request, new ArrayList<>());
  }

  /** Sends requests one after the other until the service no longer answers or refuses. */
  private void run(Writer writer, CountDownLatch burst) {
    for (int n = 0; ; n++) {
      Outcome outcome = send(writer.request().apply(n));
      writer.outcomes().add(outcome);
      burst.countDown();
      if (!outcome.answered() || outcome.status() == 503) {
        return;
      }
    }
  }

  /** Asks {@code /readyz} until it no longer answers 200 (SIGTERM takes a moment to arrive). */
  private String firstUnready(String readyz) {
    Outcome outcome;
    do {
      outcome = send(HttpRequest.newBuilder(URI.create(readyz)).build());
    } while (outcome.status() == 200);
    return outcome.status() + " " + outcome.body();
  }

  private Outcome send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Outcome(response.statusCode(), response.body());
    } catch (IOException noAnswer) {
      return new Outcome(0, noAnswer.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(0, e.toString());
    }
  }

  private void assertRowsMatchAnswers(
      TestDatabase database, List<Writer> writers, List<String> patched) {
    Map<String, String> idsByUserName = new HashMap<>();
    Map<String, JsonNode> patchedRows = new HashMap<>();
    try (Database db = Database.open(database.target())) {
      db.jdbi()
          .useHandle(
              handle -> {
                handle
                    .createQuery("SELECT user_name, id FROM staff")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(row -> idsByUserName.put(row.getKey(), row.getValue()));
                for (String id : patched) {
                  patchedRows.put(
                      id,
                      handle
                          .createQuery("SELECT version, given_name FROM staff WHERE id = :id")
                          .bind("id", id)
                          .map(
                              (rs, ctx) ->
                                  Json.MAPPER
                                      .createObjectNode()
                                      .put("version", rs.getLong(1))
                                      .put("givenName", rs.getString(2)))
                          .one());
                }
              });
    }
    for (Writer writer : writers) {
      List<Outcome> outcomes = writer.outcomes();
      if (writer.name().startsWith("post")) {
        for (int n = 0; n < outcomes.size(); n++) {
          String userName = writer.name() + n + "@school.example";
          Outcome outcome = outcomes.get(n);
          if (outcome.status() == 201) {
            assertThat(idsByUserName)
                .containsEntry(
                    userName, Json.parse(outcome.body().getBytes()).get("id").textValue());
          } else {
            assertThat(idsByUserName).as(outcome.body()).doesNotContainKey(userName);
          }
        }
      } else if (writer.name().equals("bulk")) {
        for (int n = 0; n < outcomes.size(); n++) {
          for (int op = 0; op < BULK_OPERATIONS; op++) {
            String userName = "bulk" + n + "-" + op + "@school.example";
            if (outcomes.get(n).status() == 200) {
              assertThat(idsByUserName).containsKey(userName);
            } else {
              assertThat(idsByUserName).doesNotContainKey(userName);
            }
          }
        }
      } else {
        List<Integer> answered = new ArrayList<>();
        for (int n = 0; n < outcomes.size(); n++) {
          if (outcomes.get(n).status() == 200) {
            answered.add(n);
          }
        }
        JsonNode row = patchedRows.get(writer.name());
        // Version 1 at creation, one more for each PATCH that committed: exactly the answered ones.
        assertThat(row.get("version").asLong()).isEqualTo(1 + answered.size());
        assertThat(row.get("givenName").asText()).isEqualTo("P" + answered.getLast());
      }
    }
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/scim+json");
  }

  private static HttpRequest post(String url, String token, String json) {
    return request(url, token).POST(body(json)).build();
  }

  private static HttpRequest.BodyPublisher body(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }

  private static String user(String local, String givenName) {
    return "{\"userName\":\""
        + local
        + "@school.example\",\"name\":{\"givenName\":\""
        + givenName
        + "\",\"familyName\":\"Writer\"},\"userType\":\"Staff\"}";
  }

  private static String givenNamePatch(String givenName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
        + "[{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\""
        + givenName
        + "\"}]}";
  }

  private static String bulk(String prefix) {
    StringBuilder operations = new StringBuilder();
    for (int op = 0; op < BULK_OPERATIONS; op++) {
      operations
          .append(op == 0 ? "" : ",")
          .append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"b")
          .append(op)
          .append("\",\"data\":")
          .append(user(prefix + op, "Bulk"))
          .append('}');
    }
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
        + operations
        + "]}";
  }
}
