package com.classlark.scim.bench.http;

import com.classlark.scim.protocol.patch.PatchRequest;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The load scenarios on the seeded {@link BenchGroups}: reading a group without its members, and
 * changing its membership by one member, on each group size. The full read of the largest group is
 * a one-off ({@link FullGroupRead}), not a load scenario.
 */
final class GroupScenarios {
  static final String ADD = "add";
  static final String REMOVE = "remove";

  private static final String GROUPS = "/scim/v2/Groups/";

  private GroupScenarios() {}

  static String withoutMembers(BenchGroups.Group group) {
    return "GET /Groups/{id}?excludedAttributes=members, " + group.label();
  }

  static String membership(BenchGroups.Group group) {
    return "PATCH /Groups/{id} add/remove 1 member, " + group.label();
  }

  /** {@code GET ?excludedAttributes=members} on each group. */
  static List<Scenario> reads(BenchGroups groups) {
    List<Scenario> scenarios = new ArrayList<>();
    for (BenchGroups.Group group : groups.groups()) {
      String target = GROUPS + group.id() + "?excludedAttributes=members";
      scenarios.add(
          new Scenario(
              withoutMembers(group),
              "the group alone; must not touch the membership table",
              connection -> (worker, sequence) -> BenchRequest.get(target)));
    }
    return scenarios;
  }

  /** Adding and removing one member on each group; run them with the membership connections. */
  static List<Scenario> membershipChanges(BenchSchool school, BenchGroups groups) {
    List<Scenario> scenarios = new ArrayList<>();
    for (BenchGroups.Group group : groups.groups()) {
      scenarios.add(
          new Scenario(
              membership(group),
              "Entra's Add / Remove of one member; each request changes the membership table",
              connection ->
                  (worker, sequence) -> membershipChange(school, group, worker, sequence)));
    }
    return scenarios;
  }

  /**
   * Each worker adds and removes one staff member of its own, by turns, so that every request
   * changes the table: the worker's member is one of the last staff, a member of the group from the
   * start only when the group holds the whole school (then the worker removes first).
   */
  private static BenchRequest membershipChange(
      BenchSchool school, BenchGroups.Group group, int worker, long sequence) {
    int member = workersMember(school, worker);
    boolean memberAtStart = member < group.size();
    boolean add = (sequence % 2 == 0) != memberAtStart;
    String body = patch(add ? "Add" : "Remove", List.of(school.staffIds().get(member)));
    return BenchRequest.patch(GROUPS + group.id(), body, 204).inPart(add ? ADD : REMOVE);
  }

  private static int workersMember(BenchSchool school, int worker) {
    return school.size() - 1 - worker % school.size();
  }

  /**
   * Gives every group the members it was seeded with again, whatever number of requests each worker
   * of the membership scenarios sent, so that the full read sees the seeded group.
   */
  static void restoreMembers(
      LoopbackHttpConnection connection, BenchSchool school, BenchGroups groups, int connections)
      throws IOException {
    for (BenchGroups.Group group : groups.groups()) {
      List<String> seeded = new ArrayList<>();
      List<String> notSeeded = new ArrayList<>();
      for (int worker = 0; worker < connections; worker++) {
        int member = workersMember(school, worker);
        (member < group.size() ? seeded : notSeeded).add(school.staffIds().get(member));
      }
      for (String change : List.of(patch("Add", seeded), patch("Remove", notSeeded))) {
        LoopbackHttpConnection.Response response =
            connection.send("PATCH", GROUPS + group.id(), change.getBytes(StandardCharsets.UTF_8));
        if (response.status() != 204) {
          throw new IOException(
              "restoring the members of "
                  + group.label()
                  + " answered "
                  + response.status()
                  + ": "
                  + response.text());
        }
      }
    }
  }

  /** Entra ID's membership PATCH: {@code op} (Add or Remove) of {@code members} by id. */
  private static String patch(String op, List<String> memberIds) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add(PatchRequest.PATCH_OP_URN);
    ObjectNode operation = body.putArray("Operations").addObject();
    operation.put("op", op);
    operation.put("path", "members");
    ArrayNode value = operation.putArray("value");
    memberIds.forEach(id -> value.addObject().put("value", id));
    return body.toString();
  }
}
