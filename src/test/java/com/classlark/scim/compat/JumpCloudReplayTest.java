package com.classlark.scim.compat;

import static com.classlark.scim.compat.Replay.expect;
import static com.classlark.scim.compat.Replay.expectError;
import static com.classlark.scim.compat.Replay.expectList;
import static com.classlark.scim.compat.Replay.expectNoContent;
import static com.classlark.scim.compat.Replay.expectResource;
import static com.classlark.scim.compat.Replay.fill;
import static com.classlark.scim.compat.Replay.members;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * JumpCloud's Custom SCIM Identity Management integration, replayed over HTTP at {@code /scim/v2}
 * on both databases. "Identity Management using a Custom SCIM Integration",
 * https://jumpcloud.com/support/provision-and-manage-users-and-groups-in-apps-using-custom-scim-identity-management-integration:
 * Test Connection creates a test user (from the admin's Test User Email) and a test group, then
 * deletes both with DELETE. Group membership changes come in the Entra-style shape, a {@code
 * members} path with a value list and no filter (noted by app vendors, e.g.
 * https://app.uni-moni.com/en/kb/sso-setup-jumpcloud). JumpCloud's user bodies carry no {@code
 * userType}; the school maps it as a custom attribute.
 */
class JumpCloudReplayTest extends ServerPerEngine {
  static ScimClient jumpcloud;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    jumpcloud =
        ScimClient.withToken(server.baseUrl() + "/scim/v2", server.token())
            .withHeader("Content-Type", "application/scim+json");
  }

  private static final String USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName":"{u}","displayName":"JumpCloud Test",
       "name":{"givenName":"JumpCloud","familyName":"Test"},
       "emails":[{"value":"{u}","type":"work","primary":true}],
       "active":true,"userType":"Staff"}
      """;

  private static final String MEMBERS =
      """
      {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations":[{"op":"{op}","path":"members","value":[{"value":"{m}"}]}]}
      """;

  /**
   * Test Connection: the test user and test group are created, then deleted; both are then gone.
   */
  @Test
  void testConnectionCreatesThenDeletesATestUserAndGroup() {
    String userId =
        expectResource(
                jumpcloud.post("/Users", fill(USER, "u", Bodies.uniqueEmail("jc-test"))),
                201,
                "User")
            .path("id")
            .asText();
    String groupName = "JumpCloud Test Group " + UUID.randomUUID();
    String groupId =
        expectResource(
                jumpcloud.post(
                    "/Groups",
                    fill(
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"{n}\"}",
                        "n",
                        groupName)),
                201,
                "Group")
            .path("id")
            .asText();

    expectNoContent(jumpcloud.delete("/Users/" + userId));
    expectNoContent(jumpcloud.delete("/Groups/" + groupId));
    expectError(
        jumpcloud.get("/Users/" + userId),
        404,
        null,
        "No User with id " + userId + " exists in this school.");
    expectError(
        jumpcloud.get("/Groups/" + groupId),
        404,
        null,
        "No Group with id " + groupId + " exists in this school.");
    // Testing the connection again reuses the same names: both are free.
    expectResource(
        jumpcloud.post("/Groups", fill("{\"displayName\":\"{n}\"}", "n", groupName)), 201, "Group");
  }

  /** Membership added and removed with a members path and a value list, several members at once. */
  @Test
  void entraStyleMembershipChanges() {
    String a =
        expectResource(
                jumpcloud.post("/Users", fill(USER, "u", Bodies.uniqueEmail("a"))), 201, "User")
            .path("id")
            .asText();
    String b =
        expectResource(
                jumpcloud.post("/Users", fill(USER, "u", Bodies.uniqueEmail("b"))), 201, "User")
            .path("id")
            .asText();
    String group =
        expectResource(
                jumpcloud.post(
                    "/Groups", "{\"displayName\":\"Staff room " + UUID.randomUUID() + "\"}"),
                201,
                "Group")
            .path("id")
            .asText();

    expectNoContent(
        jumpcloud.patch(
            "/Groups/" + group,
            fill(MEMBERS, "op", "add", "m", a).replace("}]}]", "},{\"value\":\"" + b + "\"}]}]")));
    assertThat(members(jumpcloud, group)).containsExactlyInAnyOrder(a, b);
    expectNoContent(jumpcloud.patch("/Groups/" + group, fill(MEMBERS, "op", "remove", "m", a)));
    assertThat(members(jumpcloud, group)).containsExactly(b);
    expectList(
        jumpcloud.get("/Groups?filter=" + Replay.encoded("members.value eq \"" + a + "\"")), 0);
  }

  /** Deprovisioning a user: active false keeps it readable; its memberships stay. */
  @Test
  void deactivationKeepsTheUserAndItsGroups() {
    String id =
        expectResource(
                jumpcloud.post("/Users", fill(USER, "u", Bodies.uniqueEmail("leaver"))),
                201,
                "User")
            .path("id")
            .asText();
    String group =
        expectResource(
                jumpcloud.post(
                    "/Groups", "{\"displayName\":\"Leavers " + UUID.randomUUID() + "\"}"),
                201,
                "Group")
            .path("id")
            .asText();
    expectNoContent(jumpcloud.patch("/Groups/" + group, fill(MEMBERS, "op", "add", "m", id)));
    var deactivated =
        expect(
            jumpcloud.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}
                """),
            200);
    assertThat(deactivated.path("active").asBoolean()).isFalse();
    assertThat(expect(jumpcloud.get("/Users/" + id), 200).path("active").asBoolean()).isFalse();
    assertThat(members(jumpcloud, group)).containsExactly(id);
  }
}
