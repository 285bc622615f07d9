package com.classlark.scim.events;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Application;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.events.ChangeFeed;
import com.classlark.scim.directory.events.FeedSettings;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The long poll across nodes and at a node's limits, over HTTP: a poll held on one node answers
 * with the event written through another node of the same database; a node configured to hold two
 * polls refuses a third with 503 and {@code Retry-After}; a node that stops answers its held polls
 * at once.
 */
class ChangeFeedNodesHttpTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static ScimClient app(TestServer server, Application node) {
    String key = server.application().services().apiKeys().issue(ApiKeyRole.APP, "feed").secret();
    return new ScimClient(
        "http://127.0.0.1:" + node.port(),
        Map.of("Authorization", "Bearer " + key, "Content-Type", "application/json"));
  }

  private static String events(TestServer server) {
    return "/api/v1/schools/" + server.school().id() + "/events";
  }

  private static void awaitWaiting(ChangeFeed feed, int count) {
    Conditions.await(count + " waiting polls", LIMIT, () -> feed.waiting() >= count);
  }

  /**
   * Node 2 learns of node 1's commit only through the database (its sequencer notices that the
   * feed's head moved), not through node 1's in-process signal.
   */
  @Test
  void aPollHeldOnOneNodeAnswersWithTheEventWrittenThroughAnother() throws Exception {
    try (TestServer server = TestServer.start(Engine.POSTGRES);
        Application second = server.anotherNode()) {
      ScimClient secondApp = app(server, second);
      CompletableFuture<HttpResult> held =
          CompletableFuture.supplyAsync(() -> secondApp.get(events(server) + "?wait=30"));
      awaitWaiting(second.services().changeFeed(), 1);

      HttpResult created = server.client().post("/Users", Bodies.staff(Bodies.uniqueEmail("n1")));
      assertThat(created.status()).as(created.body()).isEqualTo(201);

      HttpResult answer = held.get(60, TimeUnit.SECONDS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().path("items"))
          .extracting(item -> item.path("type").asText() + " " + item.path("resourceId").asText())
          .containsExactly("staff.created " + created.json().path("id").asText());
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aPollBeyondTheNodesLimitIsRefusedAndStoppingAnswersTheHeldOnes(Engine engine)
      throws Exception {
    try (TestServer server =
        TestServer.start(engine, config -> config.withFeed(new FeedSettings(2)))) {
      ScimClient app = app(server, server.application());
      List<CompletableFuture<HttpResult>> held =
          List.of(
              CompletableFuture.supplyAsync(() -> app.get(events(server) + "?wait=30")),
              CompletableFuture.supplyAsync(() -> app.get(events(server) + "?wait=30")));
      awaitWaiting(server.application().services().changeFeed(), 2);

      HttpResult refused = app.get(events(server) + "?wait=30");
      assertProblem(
          refused,
          503,
          problem(
              "too-many-waiting",
              "Too many waiting requests",
              503,
              "More than 2 requests are already waiting for events on this server. Try again in"
                  + " a second, or read without wait."));
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      HttpResult withoutWait = app.get(events(server));
      assertThat(withoutWait.status()).as(withoutWait.body()).isEqualTo(200);

      CompletableFuture<Boolean> stopping =
          CompletableFuture.supplyAsync(() -> server.application().shutDown());
      for (CompletableFuture<HttpResult> poll : held) {
        HttpResult answer = poll.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(answer.json())
            .isEqualTo(Bodies.parse(Bodies.json("{'items':[],'nextCursor':null}")));
      }
      assertThat(stopping.get(60, TimeUnit.SECONDS)).isTrue();
    }
  }
}
