package com.classlark.scim.api;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /api/v1/schools/{school}/groups} over HTTP on both engines, under the SCIM lock. */
class StaffGroupsHttpTest extends ServerPerEngine {
  ScimClient support;
  ScimClient app;
  String base;

  @BeforeEach
  void keys() {
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
    app = ApiClients.withNewKey(server, ApiKeyRole.APP);
    base = "/api/v1/schools/" + server.school().id() + "/groups";
  }

  private static String staff(String prefix) {
    return client
        .post("/Users", Bodies.staff(Bodies.uniqueEmail(prefix)))
        .json()
        .path("id")
        .asText();
  }

  private static String scimGroup(String member) {
    HttpResult created =
        client.post(
            "/Groups",
            json(
                "{'displayName':'Group "
                    + System.nanoTime()
                    + "','members':[{'value':'"
                    + member
                    + "'}]}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  @Test
  void aHandMadeGroupIsReadWithAPageOfMembersOrWithout() {
    String first = staff("gm1");
    String second = staff("gm2");
    String at = server.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString();

    HttpResult created =
        app.post(
            base,
            json(
                "{'displayName':'Tutors','externalId':'t1','members':['"
                    + first
                    + "','"
                    + second
                    + "']}"));

    String id = created.json().path("id").asText();
    String group =
        "{'id':'"
            + id
            + "','displayName':'Tutors','externalId':'t1','managedBy':null,'memberCount':2,"
            + "'createdAt':'"
            + at
            + "','lastModified':'"
            + at
            + "','version':'W/\\\"1\\\"'";
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json()).isEqualTo(Bodies.tree(json(group + "}")));
    assertThat(created.header("Location")).isEqualTo(base + "/" + id);
    assertThat(app.get(base + "/" + id + "?members=false").json())
        .isEqualTo(Bodies.tree(json(group + "}")));
    HttpResult page = app.get(base + "/" + id + "?membersLimit=1");
    assertThat(page.json().path("members")).hasSize(1);
    HttpResult rest =
        app.get(
            base
                + "/"
                + id
                + "?membersLimit=1&membersCursor="
                + page.json().path("nextMembersCursor").asText());
    assertThat(rest.json().path("members")).hasSize(1);
    assertThat(rest.json().path("nextMembersCursor").isNull()).isTrue();
    assertThat(
            java.util.List.of(
                page.json().path("members").get(0).path("id").asText(),
                rest.json().path("members").get(0).path("id").asText()))
        .containsExactlyInAnyOrder(first, second);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rename", "externalId", "addMembers", "removeMembers", "DELETE"})
  void aManagedGroupRefusesEveryManualChange(String way) {
    String member = staff("locked");
    String other = staff("other");
    String id = scimGroup(member);
    var before = client.get("/Groups/" + id).json();

    HttpResult result =
        switch (way) {
          case "rename" -> app.patch(base + "/" + id, json("{'displayName':'Renamed'}"));
          case "externalId" -> app.patch(base + "/" + id, json("{'externalId':'x'}"));
          case "addMembers" -> app.patch(base + "/" + id, json("{'addMembers':['" + other + "']}"));
          case "removeMembers" ->
              app.patch(base + "/" + id, json("{'removeMembers':['" + member + "']}"));
          default -> app.delete(base + "/" + id);
        };

    ObjectNode expected =
        problem(
            "managed-by-scim",
            "Managed by SCIM",
            409,
            "The group "
                + id
                + " is managed by the school's identity provider through SCIM, so it cannot be"
                + " changed in ClassLark; nothing was changed. Make the change in the school's"
                + " identity provider, or ask ClassLark support to release the group from SCIM.");
    expected.put("groupId", id);
    assertProblem(result, 409, expected);
    assertThat(client.get("/Groups/" + id).json()).isEqualTo(before);
  }

  @Test
  void aReleasedGroupIsEditableAndManagedAgainAfterAScimWrite() {
    String member = staff("rel");
    String other = staff("rel2");
    String id = scimGroup(member);

    HttpResult released = support.post(base + "/" + id + "/release", null);
    assertThat(released.json().path("managedBy").isNull()).isTrue();
    HttpResult edited =
        app.patch(
            base + "/" + id,
            json("{'displayName':'Released " + id + "','addMembers':['" + other + "']}"));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().path("memberCount").asInt()).isEqualTo(2);

    client.patch(
        "/Groups/" + id,
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':"
                + "[{'op':'remove','path':'members','value':[{'value':'"
                + other
                + "'}]}]}"));

    assertThat(app.get(base + "/" + id + "?members=false").json().path("managedBy").asText())
        .isEqualTo("scim");
    assertThat(app.post(base + "/" + id + "/release", null).status()).isEqualTo(403);
  }
}
