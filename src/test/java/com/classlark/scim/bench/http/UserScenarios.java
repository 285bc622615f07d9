package com.classlark.scim.bench.http;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.http.BenchmarkBaseline;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scenarios of the HTTP load harness, in the order they run: the baseline, reads, listings,
 * writes (which add staff), the baseline again (every throughput is reported as a ratio to the
 * better baseline run), then the scenarios that wait for PATCH and Groups.
 */
final class UserScenarios {
  static final String BASELINE = "baseline: fixed User, no auth, no database";
  static final String BASELINE_AGAIN = "baseline again, after the other scenarios";
  static final String GET_BY_ID = "GET /Users/{id}";
  static final String FILTER_USER_NAME = "GET /Users?filter=userName eq";
  static final String INDEX_FIRST = "GET /Users index page 1";
  static final String CURSOR_FIRST = "GET /Users cursor page 1";
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
        new Scenario.Load(
            BASELINE,
            "ceiling of HTTP + routing + JSON on this machine",
            connection -> (worker, sequence) -> BenchRequest.get(BenchmarkBaseline.PATH)));
    scenarios.add(
        new Scenario.Load(
            GET_BY_ID,
            "read one staff member by id",
            connection ->
                (worker, sequence) ->
                    BenchRequest.get(PREFIX + "/Users/" + school.staffIds().get(random(size)))));
    scenarios.add(
        new Scenario.Load(
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
        new Scenario.Load(
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
        new Scenario.Load(
            INDEX_FIRST,
            "first 100 staff, startIndex=1",
            connection ->
                (worker, sequence) -> BenchRequest.get(PREFIX + "/Users?startIndex=1" + PAGE)));
    scenarios.add(
        new Scenario.Load(
            indexDeep(depth),
            "100 staff with startIndex (OFFSET)",
            connection ->
                (worker, sequence) ->
                    BenchRequest.get(PREFIX + "/Users?startIndex=" + (depth + 1) + PAGE)));
    scenarios.add(
        new Scenario.Load(
            CURSOR_FIRST,
            "first 100 staff, cursor=",
            connection ->
                (worker, sequence) -> BenchRequest.get(PREFIX + "/Users?cursor=" + PAGE)));
    scenarios.add(
        new Scenario.Load(
            cursorDeep(depth),
            "100 staff from a cursor (keyset)",
            connection -> {
              String cursor = CursorWalk.cursorAt(connection, PREFIX + "/Users", depth, WALK_PAGE);
              String target = PREFIX + "/Users?cursor=" + encode(cursor) + PAGE;
              return (worker, sequence) -> BenchRequest.get(target);
            }));
    scenarios.add(
        new Scenario.Load(
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
    AtomicInteger created = new AtomicInteger(size + 1_000_000);
    scenarios.add(
        new Scenario.Load(
            "POST /Users",
            "create a new staff member",
            connection ->
                (worker, sequence) ->
                    BenchRequest.post(
                        PREFIX + "/Users",
                        StaffBodies.body(school.tag(), created.getAndIncrement()).toString())));
    scenarios.add(
        new Scenario.Load(
            BASELINE_AGAIN,
            "the ceiling once more, with a warm server",
            connection -> (worker, sequence) -> BenchRequest.get(BenchmarkBaseline.PATH)));
    scenarios.addAll(pending());
    return scenarios;
  }

  /**
   * Waiting for PATCH (issue: PATCH engine) and Groups; each becomes a {@link Scenario.Load} later.
   */
  private static List<Scenario> pending() {
    String patch = "PATCH is not implemented yet (the PATCH engine is in progress)";
    String groups = "Groups are not implemented yet";
    return List.of(
        new Scenario.Pending("PATCH /Users/{id}", "deactivate / change one attribute", patch),
        new Scenario.Pending(
            "PATCH /Groups/{id} add+remove 1 member, 10 members", "membership change", groups),
        new Scenario.Pending(
            "PATCH /Groups/{id} add+remove 1 member, 10,000 members", "membership change", groups),
        new Scenario.Pending(
            "PATCH /Groups/{id} add+remove 1 member, 100,000 members", "membership change", groups),
        new Scenario.Pending(
            "GET /Groups/{id}?excludedAttributes=members", "group without its members", groups),
        new Scenario.Pending(
            "GET /Groups/{id}, 100,000 members (time, peak heap)", "one full read", groups));
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
