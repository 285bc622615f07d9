package com.classlark.scim.compat;

import static com.classlark.scim.compat.Replay.encoded;
import static com.classlark.scim.compat.Replay.expect;
import static com.classlark.scim.compat.Replay.expectError;
import static com.classlark.scim.compat.Replay.expectList;
import static com.classlark.scim.compat.Replay.expectNoContent;
import static com.classlark.scim.compat.Replay.expectResource;
import static com.classlark.scim.compat.Replay.fill;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Google Workspace's automated user provisioning for a custom SAML app, replayed over HTTP at
 * {@code /scim/v2} on both databases. Google documents the setup, not its request bodies: "About
 * automated user provisioning", https://support.google.com/a/answer/7681608 (users are created,
 * updated, suspended or deleted), and the connection probe {@code GET /Users?count=1} made when the
 * Endpoint URL and token are saved is described in "SCIM 2.0 with Google Workspace",
 * https://authn-sh-docs.pages.dev/guides/scim/google-workspace/. The bodies below are plain RFC
 * 7644 requests with Google's attribute mapping (Primary email → userName and emails, First/Last
 * name → name) plus {@code userType} from a custom Directory attribute, as the school's mapping
 * would send it.
 */
class GoogleWorkspaceReplayTest extends ServerPerEngine {
  static ScimClient google;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    google = ScimClient.withToken(server.baseUrl() + "/scim/v2", server.token());
  }

  private static final String USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
       "userName":"{u}","name":{"givenName":"Grace","familyName":"Hopper"},
       "emails":[{"value":"{u}","type":"work","primary":true}],
       "active":true,"userType":"Event Manager"}
      """;

  /** The probe on saving the Endpoint URL: a ListResponse, on an empty school as on a full one. */
  @Test
  void countOneProbeIsAListResponse() {
    ScimClient emptySchool =
        server.clientForNewSchool("Empty school " + java.util.UUID.randomUUID());
    expectList(emptySchool.get("/scim/v2/Users?count=1"), 0);
    expectResource(
        google.post("/Users", fill(USER, "u", Bodies.uniqueEmail("probe"))), 201, "User");
    JsonNode probe = expect(google.get("/Users?count=1"), 200);
    assertThat(probe.path("schemas").get(0).asText()).isEqualTo(Replay.LIST_RESPONSE);
    assertThat(probe.path("Resources")).hasSize(1);
    assertThat(probe.path("itemsPerPage").asInt()).isEqualTo(1);
  }

  /** Create after a lookup, update, suspend (active false, still readable), then delete. */
  @Test
  void userLifecycle() {
    String userName = Bodies.uniqueEmail("grace");
    String lookup = "/Users?filter=" + encoded("userName eq \"" + userName + "\"");
    expectList(google.get(lookup), 0);
    JsonNode created =
        expectResource(google.post("/Users", fill(USER, "u", userName)), 201, "User");
    String id = created.path("id").asText();
    assertThat(created.path("userType").asText()).isEqualTo("Event Manager");

    JsonNode renamed =
        expect(
            google.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"name.familyName","value":"Murray Hopper"}]}
                """),
            200);
    assertThat(renamed.path("name").path("familyName").asText()).isEqualTo("Murray Hopper");

    JsonNode suspended =
        expect(
            google.patch(
                "/Users/" + id,
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"active","value":false}]}
                """),
            200);
    assertThat(suspended.path("active").asBoolean()).isFalse();
    assertThat(expectList(google.get(lookup), 1).get(0)).isEqualTo(suspended);

    expectNoContent(google.delete("/Users/" + id));
    expectError(
        google.get("/Users/" + id), 404, null, "No User with id " + id + " exists in this school.");
    expectList(google.get(lookup), 0);
  }
}
