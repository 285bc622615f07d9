package com.classlark.scim.groups;

import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.StaffSeeder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Membership PATCH in the literal shapes Entra ID and Okta send, and a 20,000-member group built in
 * batches and read back exactly, through HTTP on both databases.
 */
class GroupMembershipShapesTest extends ServerPerEngine {

  private static String user() {
    return client.post("/Users", staff(uniqueEmail("m"))).json().path("id").asText();
  }

  private static String group(String... members) {
    StringBuilder list = new StringBuilder();
    for (String id : members) {
      list.append(list.length() == 0 ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    HttpResult created =
        client.post(
            "/Groups",
            "{\"displayName\":\"Shapes " + UUID.randomUUID() + "\",\"members\":[" + list + "]}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static Set<String> members(String groupId) {
    Set<String> ids = new HashSet<>();
    client
        .get("/Groups/" + groupId)
        .json()
        .path("members")
        .forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }

  private static void patchOk(String groupId, String body) {
    HttpResult result =
        client.withHeader("Content-Type", "application/json").patch("/Groups/" + groupId, body);
    assertThat(result.status()).as(result.body()).isEqualTo(204);
  }

  /**
   * Entra ID adds a member (Microsoft, "Tutorial: Develop a SCIM endpoint", Update Group [Add
   * Members]).
   */
  @Test
  void entraAddMembers() {
    String member = user();
    String id = group();
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'Add','path':'members',"
                + "'value':[{'$ref':null,'value':'"
                + member
                + "'}]}]}"));
    assertThat(members(id)).containsExactly(member);
  }

  /** Entra ID's default removal: path members with a value list (Update Group [Remove Members]). */
  @Test
  void entraRemoveMembersWithValueListRemovesOnlyThose() {
    String stays = user();
    String leaves = user();
    String id = group(stays, leaves);
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'Remove','path':'members',"
                + "'value':[{'$ref':null,'value':'"
                + leaves
                + "'}]}]}"));
    assertThat(members(id)).containsExactly(stays);
  }

  /** Entra ID with aadOptscim062020: one operation per member, several in one request. */
  @Test
  void entraSeveralMemberOperationsInOneRequest() {
    String a = user();
    String b = user();
    String c = user();
    String id = group(a);
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Add','path':'members','value':[{'value':'"
                + b
                + "'}]},"
                + "{'op':'Add','path':'members','value':[{'value':'"
                + c
                + "'}]},"
                + "{'op':'Remove','path':'members','value':[{'value':'"
                + a
                + "'}]}]}"));
    assertThat(members(id)).containsExactlyInAnyOrder(b, c);
  }

  /**
   * Okta group push removes by filter and adds in one request (Okta SCIM 2.0 guide, Update group).
   */
  @Test
  void oktaRemoveByFilterAndAddInOneRequest() {
    String leaves = user();
    String joins = user();
    String id = group(leaves);
    patchOk(
        id,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
            + "{\"op\":\"remove\",\"path\":\"members[value eq \\\""
            + leaves
            + "\\\"]\"},"
            + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
            + joins
            + "\",\"display\":\"joiner@example.com\"}]}]}");
    assertThat(members(id)).containsExactly(joins);
  }

  /** Okta replaces the whole member list on push. */
  @Test
  void oktaReplaceMembersSetsTheExactSet() {
    String a = user();
    String b = user();
    String c = user();
    String id = group(a, b);
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace','path':'members',"
                + "'value':[{'value':'"
                + b
                + "','display':'b'},{'value':'"
                + c
                + "','display':'c'}]}]}"));
    assertThat(members(id)).containsExactlyInAnyOrder(b, c);
  }

  /** Okta renames a group with its id inside the value. */
  @Test
  void oktaRenameWithIdInsideTheValue() {
    String member = user();
    String id = group(member);
    String newName = "Renamed " + UUID.randomUUID();
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                + "'value':{'id':'"
                + id
                + "','displayName':'"
                + newName
                + "'}}]}"));
    JsonNode group = client.get("/Groups/" + id).json();
    assertThat(group.path("displayName").asText()).isEqualTo(newName);
    assertThat(members(id)).containsExactly(member);

    HttpResult otherId =
        client.patch(
            "/Groups/" + id,
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                    + "'value':{'id':'"
                    + UUID.randomUUID()
                    + "','displayName':'x'}}]}"));
    assertThat(otherId.status()).isEqualTo(400);
    assertThat(otherId.json().path("scimType").asText()).isEqualTo("mutability");
  }

  /** RFC 7644 §3.5.2.2: remove of members without a value removes them all. */
  @Test
  void removeMembersWithoutValueRemovesAll() {
    String id = group(user(), user());
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'members'}]}"));
    assertThat(members(id)).isEmpty();
    assertThat(client.get("/Groups/" + id).json().has("members")).isFalse();
  }

  @Test
  void membershipChangesMoveVersionAndLastModified() {
    String id = group();
    JsonNode before = client.get("/Groups/" + id).json();
    server.clock().advance(java.time.Duration.ofSeconds(3));
    patchOk(
        id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add','path':'members','value':[{'value':'"
                + user()
                + "'}]}]}"));
    JsonNode after = client.get("/Groups/" + id).json();
    assertThat(after.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    assertThat(after.path("meta").path("lastModified").asText())
        .isNotEqualTo(before.path("meta").path("lastModified").asText());
  }

  @Test
  void concurrentMembershipChangesToOneGroupAllApply() throws Exception {
    String id = group();
    List<String> joining = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      joining.add(user());
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<HttpResult>> results = new ArrayList<>();
      for (String member : joining) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.patch(
                      "/Groups/" + id,
                      json(
                          "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'Add',"
                              + "'path':'members','value':[{'value':'"
                              + member
                              + "'}]}]}"));
                }));
      }
      start.countDown();
      for (java.util.concurrent.Future<HttpResult> result : results) {
        assertThat(result.get().status()).as(result.get().body()).isEqualTo(204);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(members(id)).containsExactlyInAnyOrderElementsOf(joining);
    // Changes that wait for the group together are applied in one transaction with one new version
    // (one commit instead of eight): the version moved, at most once per request.
    String etag = client.get("/Groups/" + id).header("ETag");
    assertThat(etag).matches("W/\"[2-9]\"");
  }

  @Test
  void twentyThousandMembersBuiltInBatchesReadBackExactly() {
    List<String> staff =
        StaffSeeder.seed(server, "big" + UUID.randomUUID().toString().substring(0, 6), 20_000);
    String id = group();
    for (int from = 0; from < staff.size(); from += 2_000) {
      StringBuilder values = new StringBuilder();
      for (String member : staff.subList(from, from + 2_000)) {
        values
            .append(values.length() == 0 ? "" : ",")
            .append("{\"value\":\"")
            .append(member)
            .append("\"}");
      }
      patchOk(
          id,
          "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\","
              + "\"path\":\"members\",\"value\":["
              + values
              + "]}]}");
    }

    JsonNode group = client.get("/Groups/" + id).json();
    List<String> read = new ArrayList<>();
    group.path("members").forEach(m -> read.add(m.path("value").asText()));
    assertThat(read).hasSize(20_000).doesNotHaveDuplicates();
    assertThat(new HashSet<>(read)).isEqualTo(new HashSet<>(staff));
    assertThat(read).isSorted();
    assertThat(group.path("members").get(0).path("display").asText()).startsWith("Given");
    assertThat(group.path("meta").path("version").asText()).isEqualTo("W/\"11\"");

    JsonNode slim = client.get("/Groups/" + id + "?excludedAttributes=members").json();
    assertThat(slim.has("members")).isFalse();
    assertThat(slim.path("id").asText()).isEqualTo(id);

    patchOk(
        id,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\","
            + "\"path\":\"members[value eq \\\""
            + staff.get(12_345)
            + "\\\"]\"}]}");
    assertThat(members(id)).hasSize(19_999).doesNotContain(staff.get(12_345));
  }
}
