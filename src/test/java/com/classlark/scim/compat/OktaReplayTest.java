package com.classlark.scim.compat;

import static com.classlark.scim.compat.Replay.encoded;
import static com.classlark.scim.compat.Replay.expect;
import static com.classlark.scim.compat.Replay.expectError;
import static com.classlark.scim.compat.Replay.expectList;
import static com.classlark.scim.compat.Replay.expectNoContent;
import static com.classlark.scim.compat.Replay.expectResource;
import static com.classlark.scim.compat.Replay.fill;
import static com.classlark.scim.compat.Replay.members;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Okta's requests replayed over HTTP at {@code /scim/v2} on both databases. Sources:
 *
 * <ul>
 *   <li>[spec] "Okta SCIM 2.0 SPEC Test", the Runscope suite of "Test your SCIM API",
 *       https://developer.okta.com/standards/SCIM/SCIMFiles/Okta-SCIM-20-SPEC-Test.json (linked
 *       from https://developer.okta.com/docs/guides/scim-provisioning-integration-prepare/main/):
 *       its steps in order, with its headers ({@code Accept: application/scim+json}, {@code
 *       Accept-Charset: utf-8}, {@code Content-Type: application/scim+json; charset=utf-8} on every
 *       request, GET included);
 *   <li>[ref] "SCIM 2.0 protocol reference",
 *       https://developer.okta.com/docs/reference/scim/scim-20/: requests with {@code User-Agent:
 *       Okta SCIM Client 1.0.0} and {@code Content-Type: application/json} (the provisioning
 *       agent's JSON type).
 * </ul>
 *
 * Okta's documented user bodies have no {@code userType}; a school maps it (see
 * docs/identity-providers.md), so every create here carries {@code "userType":"Staff"} as that
 * mapping would. Their userNames are already email addresses.
 */
class OktaReplayTest extends ServerPerEngine {
  static ScimClient specTest;
  static ScimClient okta;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    ScimClient base = ScimClient.withToken(server.baseUrl() + "/scim/v2", server.token());
    specTest =
        Replay.withHeaders(
            base,
            Map.of(
                "Accept-Charset", "utf-8",
                "Accept", "application/scim+json",
                "Content-Type", "application/scim+json; charset=utf-8",
                "User-Agent", "OKTA SCIM Integration"));
    okta =
        Replay.withHeaders(
            base,
            Map.of(
                "User-Agent",
                "Okta SCIM Client 1.0.0",
                "Content-Type",
                "application/json; charset=utf-8"));
    // The spec test starts on a school that already has users with emails.
    expectResource(okta.post("/Users", oktaUser(Bodies.uniqueEmail("existing"))), 201, "User");
  }

  /** [ref] "Create the User", with the school's userType mapping. */
  private static String oktaUser(String userName) {
    return fill(
        """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
         "userName":"{u}",
         "name":{"givenName":"Test","familyName":"User"},
         "emails":[{"primary":true,"value":"{u}","type":"work"}],
         "displayName":"Test User","locale":"en-US","externalId":"{ext}",
         "groups":[],"password":"1mz050nq","active":true,
         "userType":"Staff"}
        """,
        "u",
        userName,
        "ext",
        "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17));
  }

  private static final String PATCH_OP =
      "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

  /**
   * [spec] "Required Test: Test Users endpoint" with a token Okta does not know: refused with 401.
   */
  @Test
  void aRequestWithoutABearerTokenIs401() {
    HttpResult refused =
        specTest.withHeader("Authorization", "non-token").get("/Users?count=1&startIndex=1");
    expectError(
        refused,
        401,
        null,
        "The Authorization header must use the Bearer scheme: 'Authorization: Bearer <token>'.");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
  }

  /** [spec] "Test Users endpoint" then "Get Users/{{id}}": the first user has what Okta checks. */
  @Test
  void usersEndpointThenGetTheFirstUserById() {
    JsonNode list = expect(specTest.get("/Users?count=1&startIndex=1"), 200);
    assertThat(list.path("schemas").toString()).contains(Replay.LIST_RESPONSE);
    assertThat(list.path("itemsPerPage").isNumber()).isTrue();
    assertThat(list.path("startIndex").isNumber()).isTrue();
    assertThat(list.path("totalResults").isNumber()).isTrue();
    assertThat(list.path("Resources")).hasSize(1);
    JsonNode first = list.path("Resources").get(0);
    assertEveryCheckedAttribute(first);

    String id = first.path("id").asText();
    JsonNode read = expect(specTest.get("/Users/" + id), 200);
    assertEveryCheckedAttribute(read);
    assertThat(read.path("id").asText()).isEqualTo(id);
  }

  private static void assertEveryCheckedAttribute(JsonNode user) {
    assertThat(user.path("id").asText()).isNotEmpty();
    assertThat(user.path("name").path("familyName").asText()).isNotEmpty();
    assertThat(user.path("name").path("givenName").asText()).isNotEmpty();
    assertThat(user.path("userName").asText()).isNotEmpty();
    assertThat(user.path("active").isBoolean()).isTrue();
    assertThat(user.path("emails").get(0).path("value").asText()).isNotEmpty();
  }

  /** [spec] "Test invalid User by username" and "Make sure random user doesn't exist". */
  @Test
  void unknownUserNamesGiveAnEmptyListResponse() {
    expectList(
        specTest.get(
            "/Users?filter=" + encoded("userName eq \"" + Bodies.uniqueEmail("nobody") + "\"")),
        0);
    // [ref] "Determine if the User already exists": with Okta's paging parameters.
    expectList(
        okta.get(
            "/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100"),
        0);
  }

  /** [spec] "Test invalid User by ID": a 404 SCIM Error with a detail. */
  @Test
  void anUnknownIdIs404() {
    expectError(
        specTest.get("/Users/010101001010101010101010101"),
        404,
        null,
        "No User with id 010101001010101010101010101 exists in this school.");
  }

  /**
   * [spec] "Create Okta user with realistic values", "Verify that user was created", "Expect
   * failure when recreating user with same values", "Username Case Sensitivity Check".
   */
  @Test
  void createVerifyDuplicateAndCaseInsensitiveLookup() {
    String userName = Bodies.uniqueEmail("Realistic");
    String body =
        fill(
            """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"{u}",
             "name":{"givenName":"Ava","familyName":"Okafor"},
             "emails":[{"primary":true,"value":"{e}","type":"work"}],
             "displayName":"Ava Okafor","active":true,"userType":"Staff"}
            """,
            "u",
            userName,
            "e",
            Bodies.uniqueEmail("ava"));
    JsonNode created = expectResource(specTest.post("/Users", body), 201, "User");
    assertThat(created.path("active").asBoolean()).isTrue();
    assertThat(created.path("schemas").toString()).contains(Replay.CORE_USER);
    assertThat(created.path("userName").asText()).isEqualTo(userName);
    assertThat(created.path("name").path("givenName").asText()).isEqualTo("Ava");
    assertThat(created.path("name").path("familyName").asText()).isEqualTo("Okafor");

    assertThat(expect(specTest.get("/Users/" + created.path("id").asText()), 200))
        .isEqualTo(created);
    expectError(
        specTest.post("/Users", body),
        409,
        "uniqueness",
        "userName '"
            + userName
            + "' is already taken by another staff member of this school (compared ignoring case).");
    String upper = userName.toUpperCase(Locale.ROOT);
    assertThat(
            expectList(specTest.get("/Users?filter=" + encoded("userName eq \"" + upper + "\"")), 1)
                .get(0))
        .isEqualTo(created);
  }

  /** [spec] "Optional Test: Verify Groups endpoint". */
  @Test
  void groupsEndpointAnswersAList() {
    expect(specTest.get("/Groups"), 200);
    expect(okta.get("/Groups?startIndex=1&count=100"), 200);
  }

  /**
   * [ref] "Create Users" (lookup, then create) and "Update a specific User (PATCH)": deactivation
   * and reactivation as new OIN integrations send them; a deactivated user reads back with 200.
   */
  @Test
  void patchDeactivatesAndReactivates() {
    String userName = Bodies.uniqueEmail("test.user");
    String lookup =
        "/Users?filter=" + encoded("userName eq \"" + userName + "\"") + "&startIndex=1&count=100";
    expectList(okta.get(lookup), 0);
    JsonNode created = expectResource(okta.post("/Users", oktaUser(userName)), 201, "User");
    assertThat(created.toString()).doesNotContain("1mz050nq");
    String id = created.path("id").asText();

    String deactivate =
        "{" + PATCH_OP + ",\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}";
    JsonNode deactivated = expect(okta.patch("/Users/" + id, deactivate), 200);
    assertThat(deactivated.path("active").asBoolean()).isFalse();
    assertThat(expect(okta.get("/Users/" + id), 200)).isEqualTo(deactivated);
    assertThat(expectList(okta.get(lookup), 1).get(0).path("active").asBoolean()).isFalse();

    JsonNode reactivated =
        expect(okta.patch("/Users/" + id, deactivate.replace("false", "true")), 200);
    assertThat(reactivated.path("active").asBoolean()).isTrue();
    assertThat(reactivated.path("meta").path("version").asText()).isEqualTo("W/\"3\"");
  }

  /**
   * [ref] "Update a specific User (PUT)" for integrations built with the App Integration Wizard:
   * GET, change one field, PUT the whole object back (id, meta and groups included); deactivation
   * the same way.
   */
  @Test
  void wizardAppPutsTheWholeObjectBack() {
    JsonNode created =
        expectResource(okta.post("/Users", oktaUser(Bodies.uniqueEmail("wizard"))), 201, "User");
    String id = created.path("id").asText();

    ObjectNode read = (ObjectNode) expect(okta.get("/Users/" + id), 200);
    read.putArray("groups");
    ((ObjectNode) read.path("name")).put("middleName", "Excited");
    JsonNode updated = expect(okta.put("/Users/" + id, read.toString()), 200);
    assertThat(updated.path("name").path("middleName").asText()).isEqualTo("Excited");
    assertThat(updated.path("id").asText()).isEqualTo(id);
    assertThat(updated.path("meta").path("created"))
        .isEqualTo(created.path("meta").path("created"));

    ObjectNode again = (ObjectNode) expect(okta.get("/Users/" + id), 200);
    again.put("active", false);
    assertThat(expect(okta.put("/Users/" + id, again.toString()), 200).path("active").asBoolean())
        .isFalse();
    assertThat(expect(okta.get("/Users/" + id), 200).path("active").asBoolean()).isFalse();
    again.put("active", true);
    assertThat(expect(okta.put("/Users/" + id, again.toString()), 200).path("active").asBoolean())
        .isTrue();
  }

  /**
   * [ref] "Create Groups", "Update a specific Group name", "Update specific Group membership"
   * (remove by filter and add in one request; replace of the whole list) and "Delete a specific
   * Group".
   */
  @Test
  void groupPush() {
    List<String> staff =
        List.of(
            expectResource(okta.post("/Users", oktaUser(Bodies.uniqueEmail("p1"))), 201, "User")
                .path("id")
                .asText(),
            expectResource(okta.post("/Users", oktaUser(Bodies.uniqueEmail("p2"))), 201, "User")
                .path("id")
                .asText(),
            expectResource(okta.post("/Users", oktaUser(Bodies.uniqueEmail("p3"))), 201, "User")
                .path("id")
                .asText());
    String name = "Test SCIMv2 " + UUID.randomUUID();
    JsonNode group =
        expectResource(
            okta.post(
                "/Groups",
                fill(
                    """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{n}","members":[]}
                    """,
                    "n",
                    name)),
            201,
            "Group");
    String id = group.path("id").asText();
    assertThat(group.path("members")).isEmpty();

    expectNoContent(
        okta.patch(
            "/Groups/" + id,
            fill(
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"id":"{id}","displayName":"{n}0"}}]}
                """,
                "id",
                id,
                "n",
                name)));
    assertThat(expect(okta.get("/Groups/" + id), 200).path("displayName").asText())
        .isEqualTo(name + "0");

    expectNoContent(okta.patch("/Groups/" + id, membersPatch("add", staff.get(0))));
    expectNoContent(
        okta.patch(
            "/Groups/" + id,
            fill(
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members[value eq \\"{out}\\"]"},
                               {"op":"add","path":"members","value":[{"value":"{in}","display":"test.user@okta.local"}]}]}
                """,
                "out",
                staff.get(0),
                "in",
                staff.get(1))));
    assertThat(members(okta, id)).containsExactly(staff.get(1));

    expectNoContent(
        okta.patch(
            "/Groups/" + id,
            fill(
                """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"members",
                                "value":[{"value":"{a}","display":"test.user@okta.local"},
                                         {"value":"{b}","display":"test.user@okta.local"}]}]}
                """,
                "a",
                staff.get(0),
                "b",
                staff.get(2))));
    assertThat(members(okta, id)).containsExactlyInAnyOrder(staff.get(0), staff.get(2));
    JsonNode listed =
        expectList(okta.get("/Groups?filter=" + encoded("displayName eq \"" + name + "0\"")), 1)
            .get(0);
    assertThat(listed.path("members")).hasSize(2);

    expectNoContent(okta.delete("/Groups/" + id));
    expectError(
        okta.get("/Groups/" + id), 404, null, "No Group with id " + id + " exists in this school.");
  }

  private static String membersPatch(String op, String member) {
    return fill(
        "{"
            + PATCH_OP
            + ",\"Operations\":[{\"op\":\"{op}\",\"path\":\"members\",\"value\":[{\"value\":\"{m}\"}]}]}",
        "op",
        op,
        "m",
        member);
  }
}
