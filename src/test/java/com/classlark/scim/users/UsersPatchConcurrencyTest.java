package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.PLANNER;
import static com.classlark.scim.users.UserPatches.create;
import static com.classlark.scim.users.UserPatches.emailRows;
import static com.classlark.scim.users.UserPatches.fill;
import static com.classlark.scim.users.UserPatches.patch;
import static com.classlark.scim.users.UserPatches.row;
import static com.classlark.scim.users.UserPatches.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrent PATCH requests to one user, through real HTTP on both databases: every PATCH reads the
 * current version, applies its operations and writes only if the version is still the one it read,
 * retrying otherwise (DESIGN.md, "Storage"), so no update is lost and each success is one version.
 * Requests start together behind a latch; nothing waits on time.
 */
class UsersPatchConcurrencyTest extends ServerPerEngine {

  private static final int WRITERS = 8;

  /** Sends {@code WRITERS} requests at once, request {@code i} made by {@code request}. */
  private static List<HttpResult> together(IntFunction<HttpResult> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResult>> futures = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.apply(index);
                }));
      }
      start.countDown();
      List<HttpResult> results = new ArrayList<>();
      for (Future<HttpResult> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> etags(List<HttpResult> results) {
    return results.stream().map(result -> result.header("ETag")).toList();
  }

  private static List<String> versions(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(version -> "W/\"" + version + "\"").toList();
  }

  @Test
  void concurrentAddsToEmailsAreAllKept() throws Exception {
    for (int round = 0; round < 3; round++) {
      String userName = uniqueEmail("busy" + round);
      String workEmail = "{'value':'" + userName + "','type':'work','primary':true}";
      JsonNode created =
          create(
              client,
              Bodies.json(user("'emails':[" + workEmail + "]").replace("{user}", userName)));
      String id = created.path("id").asText();
      List<String> added =
          IntStream.range(0, WRITERS).mapToObj(i -> "desk" + i + "." + userName).toList();

      List<HttpResult> results =
          together(
              i ->
                  client.patch(
                      "/Users/" + id,
                      patch(
                          "{'op':'add','path':'emails','value':[{'value':'"
                              + added.get(i)
                              + "','type':'other'}]}")));

      for (int i = 0; i < WRITERS; i++) {
        HttpResult result = results.get(i);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.body()).contains(added.get(i));
      }
      assertThat(etags(results)).containsExactlyInAnyOrderElementsOf(versions(2, 1 + WRITERS));
      HttpResult read = client.get("/Users/" + id);
      assertThat(read.header("ETag")).isEqualTo("W/\"" + (1 + WRITERS) + "\"");
      JsonNode emails = read.json().path("emails");
      assertThat(emails.get(0)).isEqualTo(Bodies.parse(Bodies.json(workEmail)));
      List<JsonNode> others = new ArrayList<>();
      emails.forEach(others::add);
      assertThat(others.subList(1, others.size()))
          .containsExactlyInAnyOrderElementsOf(
              added.stream()
                  .map(
                      email ->
                          (JsonNode)
                              Bodies.parse(Bodies.json("{'value':'" + email + "','type':'other'}")))
                  .toList());
      assertThat(Bodies.withoutMeta(read.json()))
          .isEqualTo(
              Bodies.parse(Bodies.json(user("'emails':" + emails).replace("{user}", userName))));
      assertThat(row(server, id).version()).isEqualTo(1 + WRITERS);
      assertThat(emailRows(server, id)).hasSize(1 + WRITERS).containsAll(added);
      for (String email : added) {
        assertThat(listed("emails.value eq \"" + email + "\"")).containsExactly(id);
      }
    }
  }

  @Test
  void concurrentPatchesOfDifferentAttributesAreAllApplied() throws Exception {
    Map<String, String> values = Map.of("user", uniqueEmail("many"));
    JsonNode created = create(client, fill(user(""), values));
    String id = created.path("id").asText();
    List<String> operations =
        List.of(
            "{'op':'replace','path':'title','value':'Head of Maths'}",
            "{'op':'Add','path':'nickName','value':'JD'}",
            "{'op':'replace','path':'displayName','value':'Jane Doe'}",
            "{'op':'add','path':'name.middleName','value':'Quinn'}",
            "{'op':'Replace','path':'phoneNumbers[type eq \\'work\\'].value','value':'+44 20 7946 0000'}",
            "{'op':'replace','value':{'locale':'en-GB'}}",
            "{'op':'add','path':'" + PLANNER + ":room','value':'A113'}",
            "{'op':'add','path':'" + UserPatches.ENTERPRISE + ":department','value':'Maths'}");

    List<HttpResult> results =
        together(i -> client.patch("/Users/" + id, patch(operations.get(i))));

    assertThat(results)
        .allSatisfy(result -> assertThat(result.status()).as(result.body()).isEqualTo(200));
    assertThat(etags(results)).containsExactlyInAnyOrderElementsOf(versions(2, 1 + WRITERS));
    HttpResult read = client.get("/Users/" + id);
    assertThat(read.header("ETag")).isEqualTo("W/\"" + (1 + WRITERS) + "\"");
    assertThat(Bodies.withoutMeta(read.json()))
        .isEqualTo(
            Bodies.parse(
                fill(
                    "{'schemas':['"
                        + UserPatches.CORE
                        + "','"
                        + UserPatches.ENTERPRISE
                        + "','"
                        + PLANNER
                        + "'],'userName':'{user}','name':{'familyName':'Doe','givenName':'Jane',"
                        + "'middleName':'Quinn'},'userType':'Staff','active':true,'title':'Head of Maths',"
                        + "'nickName':'JD','displayName':'Jane Doe','locale':'en-GB',"
                        + "'phoneNumbers':[{'value':'+44 20 7946 0000','type':'work'}],"
                        + "'"
                        + UserPatches.ENTERPRISE
                        + "':{'department':'Maths'},'"
                        + PLANNER
                        + "':{'room':'A113'}}",
                    values)));
    assertThat(row(server, id).version()).isEqualTo(1 + WRITERS);
  }

  @Test
  void concurrentConditionalPatchesLetExactlyOneWin() throws Exception {
    String id = create(client, Bodies.staff(uniqueEmail("conditional"))).path("id").asText();

    List<HttpResult> results =
        together(
            i ->
                client.send(
                    "PATCH",
                    "/Users/" + id,
                    patch("{'op':'replace','path':'title','value':'Title " + i + "'}"),
                    Map.of("If-Match", "W/\"1\"")));

    List<HttpResult> winners = results.stream().filter(result -> result.status() == 200).toList();
    assertThat(winners).hasSize(1);
    assertThat(results.stream().map(HttpResult::status).filter(status -> status != 200))
        .hasSize(WRITERS - 1)
        .containsOnly(412);
    HttpResult read = client.get("/Users/" + id);
    assertThat(read.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(read.json()).isEqualTo(winners.get(0).json());
    assertThat(row(server, id).version()).isEqualTo(2);
  }

  @Test
  void patchesRacingADeleteEitherApplyOrFindNoUser() throws Exception {
    for (int round = 0; round < 3; round++) {
      String id = create(client, Bodies.staff(uniqueEmail("racing" + round))).path("id").asText();

      List<HttpResult> results =
          together(
              i ->
                  i == WRITERS / 2
                      ? client.delete("/Users/" + id)
                      : client.patch(
                          "/Users/" + id,
                          patch("{'op':'add','path':'nickName','value':'N" + i + "'}")));

      assertThat(results.get(WRITERS / 2).status()).isEqualTo(204);
      String notFound =
          Bodies.error(404, null, "No User with id " + id + " exists in this school.");
      for (int i = 0; i < WRITERS; i++) {
        HttpResult result = results.get(i);
        if (i != WRITERS / 2 && result.status() != 200) {
          assertThat(result.status()).as(result.body()).isEqualTo(404);
          assertThat(result.body()).isEqualTo(notFound);
        }
      }
      assertThat(client.get("/Users/" + id).body()).isEqualTo(notFound);
      long applied = results.stream().filter(result -> result.status() == 200).count();
      // Each PATCH that got 200 wrote one version before the DELETE wrote its own.
      assertThat(row(server, id).version()).isEqualTo(1 + applied + 1);
    }
  }

  private static List<String> listed(String filter) {
    HttpResult result =
        client.get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    result.json().path("Resources").forEach(resource -> ids.add(resource.path("id").asText()));
    return ids;
  }
}
