package com.classlark.scim.bench.http;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.protocol.patch.PatchRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The User scenarios of the HTTP load harness, in the order they run: the baseline, reads,
 * listings, then writes (POST adds staff). The baseline runs again after every other scenario
 * ({@link #baselineAgain}); every throughput is reported as a ratio to the better baseline run.
 */
final class UserScenarios {
  static final String BASELINE = "baseline: fixed User, no auth, no database";
  static final String BASELINE_AGAIN = "baseline again, after the other scenarios";
  static final String GET_BY_ID = "GET /Users/{id}";
  static final String FILTER_USER_NAME = "GET /Users?filter=userName eq";
  static final String INDEX_FIRST = "GET /Users index page 1";
  static final String CURSOR_FIRST = "GET /Users cursor page 1";
  static final String PATCH_ENTRA = "PATCH /Users/{id} Entra Replace name.givenName";
  static final String PATCH_OKTA = "PATCH /Users/{id} Okta deactivate / reactivate";
  static final String PAGE = "&count=100";

  private static final String PREFIX = "/scim/v2";

  /** Page size while walking to the deep cursor: the largest the service allows by default. */
  private static final int WALK_PAGE = 1_000;

  private UserScenarios() {}

  /**
   * The deepest listing position measured: 90,000, or less for a smaller school (a multiple of
   * 100).
   */
  static int depth(int staff) {
    return Math.max(0, Math.min(90_000, (staff - 100) / 100 * 100));
  }

  static boolean isBaseline(String scenario) {
    return scenario.equals(BASELINE) || scenario.equals(BASELINE_AGAIN);
  }

  static String indexDeep(int depth) {
    return String.format("GET /Users index page at depth %,d", depth);
  }

  static String cursorDeep(int depth) {
    return String.format("GET /Users cursor page at depth %,d", depth);
  }

  static List<Scenario> all(BenchSchool school, int connections) {
    int size = school.size();
    int depth = depth(size);
    List<Scenario> scenarios = new ArrayList<>();
    scenarios.add(
        new Scenario(
            BASELINE,
            "ceiling of HTTP + routing + JSON on this machine",
            connection -> (worker, sequence) -> BenchRequest.get(BaselineServer.PATH)));
    scenarios.add(
        new Scenario(
            GET_BY_ID,
            "read one staff member by id",
            connection ->
                (worker, sequence) ->
                    BenchRequest.get(PREFIX + "/Users/" + school.staffIds().get(random(size)))));
    scenarios.add(
        new Scenario(
            FILTER_USER_NAME,
            "the IdP's lookup before every create",
            connection ->
                (worker, sequence) ->
                    BenchRequest.get(
                        listing(
                            "userName eq \""
                                + StaffBodies.userName(school.tag(), random(size))
                                + "\""))));
    scenarios.add(
        new Scenario(
            "GET /Users?filter=externalId eq",
            "the IdP's lookup by its own object id",
            connection ->
                (worker, sequence) ->
                    BenchRequest.get(
                        listing(
                            "externalId eq \""
                                + StaffBodies.externalId(school.tag(), random(size))
                                + "\""))));
    scenarios.add(
        new Scenario(
            INDEX_FIRST,
            "first 100 staff, startIndex=1",
            connection ->
                (worker, sequence) -> BenchRequest.get(PREFIX + "/Users?startIndex=1" + PAGE)));
    scenarios.add(
        new Scenario(
            indexDeep(depth),
            "100 staff with startIndex (OFFSET)",
            connection ->
                (worker, sequence) ->
                    BenchRequest.get(PREFIX + "/Users?startIndex=" + (depth + 1) + PAGE)));
    scenarios.add(
        new Scenario(
            CURSOR_FIRST,
            "first 100 staff, cursor=",
            connection ->
                (worker, sequence) -> BenchRequest.get(PREFIX + "/Users?cursor=" + PAGE)));
    scenarios.add(
        new Scenario(
            cursorDeep(depth),
            "100 staff from a cursor (keyset)",
            connection -> {
              String cursor = CursorWalk.cursorAt(connection, PREFIX + "/Users", depth, WALK_PAGE);
              String target = PREFIX + "/Users?cursor=" + encode(cursor) + PAGE;
              return (worker, sequence) -> BenchRequest.get(target);
            }));
    scenarios.add(
        new Scenario(
            "PUT /Users/{id}",
            "replace a staff member (title changes each time)",
            connection ->
                (worker, sequence) -> {
                  int n = worker + connections * random(Math.max(1, size / connections));
                  ObjectNode body = StaffBodies.body(school.tag(), n);
                  body.put("title", "Teacher (edit " + sequence + ")");
                  return BenchRequest.put(
                      PREFIX + "/Users/" + school.staffIds().get(n), body.toString());
                }));
    scenarios.add(
        new Scenario(
            PATCH_ENTRA,
            "Entra's Replace of name.givenName; each request changes the name",
            connection ->
                (worker, sequence) ->
                    patch(
                        school,
                        pairedMember(worker, sequence, connections, size),
                        "{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\""
                            + (sequence % 2 == 0 ? "Robin" : "Sam")
                            + "\"}")));
    scenarios.add(
        new Scenario(
            PATCH_OKTA,
            "Okta's deactivation, then reactivation of the same staff member",
            connection ->
                (worker, sequence) ->
                    patch(
                        school,
                        pairedMember(worker, sequence, connections, size),
                        "{\"op\":\"replace\",\"value\":{\"active\":"
                            + (sequence % 2 == 1)
                            + "}}")));
    AtomicInteger created = new AtomicInteger(size + 1_000_000);
    scenarios.add(
        new Scenario(
            "POST /Users",
            "create a new staff member",
            connection ->
                (worker, sequence) ->
                    BenchRequest.post(
                        PREFIX + "/Users",
                        StaffBodies.body(school.tag(), created.getAndIncrement()).toString())));
    return scenarios;
  }

  /** The baseline once more, after every other scenario. */
  static Scenario baselineAgain() {
    return new Scenario(
        BASELINE_AGAIN,
        "the ceiling once more, with a warm server",
        connection -> (worker, sequence) -> BenchRequest.get(BaselineServer.PATH));
  }

  /**
   * The staff member a PATCH scenario changes: a worker's own members (no two workers write the
   * same record), each for two requests in a row, so that the second can undo the first and both
   * change the record.
   */
  private static int pairedMember(int worker, long sequence, int connections, int size) {
    int perWorker = Math.max(1, size / connections);
    return (int) ((worker + (long) connections * ((sequence / 2) % perWorker)) % size);
  }

  private static BenchRequest patch(BenchSchool school, int member, String operation) {
    return BenchRequest.patch(
        PREFIX + "/Users/" + school.staffIds().get(member),
        "{\"schemas\":[\"" + PatchRequest.PATCH_OP_URN + "\"],\"Operations\":[" + operation + "]}",
        200);
  }

  private static String listing(String filter) {
    return PREFIX + "/Users?filter=" + encode(filter);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static int random(int bound) {
    return ThreadLocalRandom.current().nextInt(bound);
  }
}
