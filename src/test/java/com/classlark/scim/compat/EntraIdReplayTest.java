package com.classlark.scim.compat;

import static com.classlark.scim.compat.Replay.CORE_USER;
import static com.classlark.scim.compat.Replay.ENTERPRISE;
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
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Microsoft Entra ID's provisioning requests, replayed in the order Entra sends them, over HTTP at
 * {@code /scim/v2} (the Tenant URL) with {@code Content-Type: application/json} on every request,
 * GET included, on both databases. Sources, cited per test:
 *
 * <ul>
 *   <li>[entra-dev] "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra
 *       ID",
 *       https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 *   <li>[entra-flag] "Known issues and resolutions with SCIM 2.0 protocol compliance of the
 *       Microsoft Entra user provisioning service",
 *       https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
 *   <li>[entra-validator] "Tutorial: Validate a SCIM endpoint" (the gallery's SCIM Validator),
 *       https://learn.microsoft.com/en-us/entra/identity/app-provisioning/scim-validator-tutorial
 * </ul>
 *
 * Entra's documented user bodies have no {@code userType} and a GUID-like {@code userName}; a
 * school's mapping sends {@code userType} (a constant or expression, see
 * docs/identity-providers.md) and the user's email as {@code userName}, so the bodies here carry
 * those two as the mapping would.
 *
 * <p>DESIGN.md "Compatibility" quirks and the literal requests that exercise them (this class
 * unless another is named):
 *
 * <ul>
 *   <li>op in any case ("Replace", "Add", "Remove"): {@link #defaultPatchShapes}, {@link
 *       #managerSetChangeClear}
 *   <li>booleans as strings ("False", "True"): {@link #softDeleteThenHardDelete}; OneLogin's
 *       "true": {@code OneLoginReplayTest}
 *   <li>pathless values with dotted and URN keys: {@link #aadOptscim062020PatchShapes}
 *   <li>remove on members with a value list: {@link #groupLifecycle}, {@code JumpCloudReplayTest}
 *   <li>members[value eq "…"] paths: {@code OktaReplayTest#groupPush}
 *   <li>members without type: {@link #groupLifecycle}
 *   <li>id inside a pathless replace value: {@code OktaReplayTest#groupPush}
 *   <li>nulls and empty strings meaning clear: {@link #nullAndEmptyUpdatesClear}; {@code "id":
 *       null}: {@code OneLoginReplayTest}
 *   <li>attribute names in any case: {@link #lookupThenCreate} ({@code USERNAME eq}, {@code
 *       ExternalId})
 *   <li>filter values without quotes: {@link #lookupThenCreate}
 *   <li>{@code +} for spaces in query strings: {@link #lookupThenCreate}
 *   <li>requests as application/json, Content-Type on GET: every request here
 *   <li>responses application/scim+json, status as a string, id present, ListResponse with
 *       totalResults 0: {@link Replay#expect}, {@link Replay#expectError}, {@link #testConnection}
 * </ul>
 */
class EntraIdReplayTest extends ServerPerEngine {
  static ScimClient entra;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    entra =
        ScimClient.withToken(server.baseUrl() + "/scim/v2", server.token())
            .withHeader("Content-Type", "application/json");
  }

  private static final String PATCH =
      "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";

  /** [entra-dev] "Create User", with the school's userType mapping and an email userName. */
  private static final String CREATE_USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "externalId":"{externalId}",
       "userName":"{userName}",
       "active":true,
       "emails":[{"primary":true,"type":"work","value":"{userName}"}],
       "meta":{"resourceType":"User"},
       "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
       "roles":[],
       "userType":"Staff"}
      """;

  private static JsonNode createUser(String userName) {
    String body =
        fill(CREATE_USER, "externalId", UUID.randomUUID().toString(), "userName", userName);
    return expectResource(entra.post("/Users", body), 201, "User");
  }

  private static String patch(String operations) {
    return "{" + PATCH + ",\"Operations\":[" + operations + "]}";
  }

  /**
   * [entra-dev] "Test Connection": a userName filter with a random GUID must answer an empty list.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "&aadOptscim062020", "&aadOptscim062020=true"})
  void testConnection(String flag) {
    String filter = encoded("userName eq \"" + UUID.randomUUID() + "\"");
    expectList(entra.get("/Users?filter=" + filter + flag), 0);
  }

  /** [entra-dev] "Get User by query" before "Create User", then the same lookups finding it. */
  @Test
  void lookupThenCreate() {
    String userName = Bodies.uniqueEmail("Test_User");
    String byUserName = "/Users?filter=" + encoded("userName eq \"" + userName + "\"");
    expectList(entra.get(byUserName), 0);

    JsonNode created = createUser(userName);
    assertThat(created.path("userName").asText()).isEqualTo(userName);
    assertThat(created.path("active").asBoolean()).isTrue();
    assertThat(created.path("userType").asText()).isEqualTo("Staff");

    assertThat(expectList(entra.get(byUserName), 1).get(0)).isEqualTo(created);
    // The same lookups as other clients write them: name in any case, + for spaces, no quotes.
    expectList(entra.get("/Users?filter=USERNAME+eq+" + userName.toUpperCase()), 1);
    String externalId = created.path("externalId").asText();
    expectList(entra.get("/Users?filter=" + encoded("ExternalId eq \"" + externalId + "\"")), 1);
    assertThat(expect(entra.get("/Users/" + created.path("id").asText()), 200)).isEqualTo(created);
  }

  /** [entra-dev] "Update User [Multi-valued properties]" and "[Single-valued properties]". */
  @Test
  void defaultPatchShapes() {
    JsonNode user = createUser(Bodies.uniqueEmail("multi"));
    String id = user.path("id").asText();
    String newUserName = Bodies.uniqueEmail("renamed");
    JsonNode multi =
        expect(
            entra.patch(
                "/Users/" + id,
                patch(
                    """
                    {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"updatedEmail@microsoft.com"},
                    {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}
                    """)),
            200);
    assertThat(multi.path("emails").get(0).path("value").asText())
        .isEqualTo("updatedEmail@microsoft.com");
    assertThat(multi.path("name").path("familyName").asText()).isEqualTo("updatedFamilyName");

    JsonNode single =
        expect(
            entra.patch(
                "/Users/" + id,
                patch(
                    fill(
                        "{\"op\":\"Replace\",\"path\":\"userName\",\"value\":\"{u}\"}",
                        "u",
                        newUserName))),
            200);
    assertThat(single.path("userName").asText()).isEqualTo(newUserName);
    assertThat(single.path("meta").path("version").asText()).isEqualTo("W/\"3\"");
    assertThat(expect(entra.get("/Users/" + id), 200)).isEqualTo(single);
  }

  /**
   * [entra-flag] with the flag: one pathless replace with dotted and URN keys, booleans as
   * booleans.
   */
  @Test
  void aadOptscim062020PatchShapes() {
    String id = createUser(Bodies.uniqueEmail("flag")).path("id").asText();
    JsonNode patched =
        expect(
            entra.patch(
                "/Users/" + id + "?aadOptscim062020",
                patch(
                    """
                    {"op":"replace","value":{"displayName":"Pvlo","name.givenName":"Gtfd",
                     "name.familyName":"Pkqf","externalId":"Eqpj",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"Eqpj"}},
                    {"op":"add","path":"nickName","value":"Babs"},
                    {"op":"replace","path":"active","value":false}
                    """)),
            200);
    assertThat(patched.path("displayName").asText()).isEqualTo("Pvlo");
    assertThat(patched.path("name").path("givenName").asText()).isEqualTo("Gtfd");
    assertThat(patched.path("name").path("familyName").asText()).isEqualTo("Pkqf");
    assertThat(patched.path("externalId").asText()).isEqualTo("Eqpj");
    assertThat(patched.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("Eqpj");
    assertThat(patched.path("nickName").asText()).isEqualTo("Babs");
    assertThat(patched.path("active").asBoolean()).isFalse();
    assertThat(patched.path("schemas").toString()).contains(CORE_USER, ENTERPRISE);
  }

  /**
   * [entra-flag] "Requests made to disable users" (the string "False"), then [entra-dev] "Delete
   * User": unassigning soft-deletes, the user stays readable and findable; the hard delete makes it
   * a 404.
   */
  @Test
  void softDeleteThenHardDelete() {
    String userName = Bodies.uniqueEmail("leaver");
    String id = createUser(userName).path("id").asText();
    JsonNode disabled =
        expect(
            entra.patch(
                "/Users/" + id,
                patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")),
            200);
    assertThat(disabled.path("active").isBoolean()).isTrue();
    assertThat(disabled.path("active").asBoolean()).isFalse();
    assertThat(expect(entra.get("/Users/" + id), 200).path("active").asBoolean()).isFalse();
    assertThat(
            expectList(entra.get("/Users?filter=" + encoded("userName eq \"" + userName + "\"")), 1)
                .get(0))
        .isEqualTo(disabled);

    JsonNode enabled =
        expect(
            entra.patch(
                "/Users/" + id,
                patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}")),
            200);
    assertThat(enabled.path("active").asBoolean()).isTrue();
    expect(
        entra.patch(
            "/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")),
        200);

    expectNoContent(entra.delete("/Users/" + id));
    String gone = "No User with id " + id + " exists in this school.";
    expectError(entra.get("/Users/" + id), 404, null, gone);
    expectError(
        entra.patch(
            "/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}")),
        404,
        null,
        gone);
    expectError(entra.delete("/Users/" + id), 404, null, gone);
    expectList(entra.get("/Users?filter=" + encoded("userName eq \"" + userName + "\"")), 0);
    // The address is free again: Entra's next create for it makes a new record.
    assertThat(createUser(userName).path("id").asText()).isNotEqualTo(id);
  }

  /** [entra-dev] mapping of manager; [entra-flag] its Add/Replace/Remove requests. */
  @Test
  void managerSetChangeClear() {
    String boss = createUser(Bodies.uniqueEmail("boss")).path("id").asText();
    String otherBoss = createUser(Bodies.uniqueEmail("boss2")).path("id").asText();
    String id = createUser(Bodies.uniqueEmail("report")).path("id").asText();
    String path = ENTERPRISE + ":manager";

    JsonNode set =
        expect(
            entra.patch(
                "/Users/" + id,
                patch(
                    fill(
                        "{\"op\":\"Add\",\"path\":\"{p}\",\"value\":\"{b}\"}",
                        "p",
                        path,
                        "b",
                        boss))),
            200);
    assertThat(set.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(boss);
    JsonNode changed =
        expect(
            entra.patch(
                "/Users/" + id + "?aadOptscim062020",
                patch(
                    fill(
                        "{\"op\":\"replace\",\"path\":\"{p}\",\"value\":\"{b}\"}",
                        "p",
                        path,
                        "b",
                        otherBoss))),
            200);
    assertThat(changed.path(ENTERPRISE).path("manager").path("value").asText())
        .isEqualTo(otherBoss);
    JsonNode cleared =
        expect(
            entra.patch(
                "/Users/" + id, patch(fill("{\"op\":\"Remove\",\"path\":\"{p}\"}", "p", path))),
            200);
    assertThat(cleared.has(ENTERPRISE)).isFalse();
    assertThat(expect(entra.get("/Users/" + id), 200)).isEqualTo(cleared);
  }

  /**
   * [entra-validator] the validator's update with empty strings and nulls: each clears its
   * attribute.
   */
  @Test
  void nullAndEmptyUpdatesClear() {
    String id = createUser(Bodies.uniqueEmail("blank")).path("id").asText();
    expect(
        entra.patch(
            "/Users/" + id,
            patch(
                "{\"op\":\"Add\",\"value\":{\"title\":\"Teacher\",\"displayName\":\"Pat\",\"nickName\":\"P\"}}")),
        200);
    JsonNode cleared =
        expect(
            entra.patch(
                "/Users/" + id,
                patch(
                    """
                    {"op":"Replace","path":"title","value":""},
                    {"op":"Replace","path":"displayName","value":null},
                    {"op":"Replace","value":{"nickName":""}}
                    """)),
            200);
    assertThat(cleared.has("title")).isFalse();
    assertThat(cleared.has("displayName")).isFalse();
    assertThat(cleared.has("nickName")).isFalse();
    // A required attribute cannot be cleared: the error names it.
    expectError(
        entra.patch(
            "/Users/" + id,
            patch("{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\"\"}")),
        400,
        "mutability",
        "name.givenName is required and cannot be removed");
  }

  /** [entra-validator] pagination: at least 11 users, walked with startIndex and count=5. */
  @Test
  void paginationWalkVisitsEveryUserOnce() {
    for (int i = 0; i < 11; i++) {
      createUser(Bodies.uniqueEmail("page" + i));
    }
    long total = expect(entra.get("/Users?count=0"), 200).path("totalResults").asLong();
    assertThat(total).isGreaterThanOrEqualTo(11);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int start = 1; start <= total; start += 5) {
      var page = expectList(entra.get("/Users?startIndex=" + start + "&count=5"), total);
      assertThat(page).hasSize((int) Math.min(5, total - start + 1));
      page.forEach(user -> assertThat(seen.add(user.path("id").asText())).isTrue());
    }
    assertThat(seen).hasSize((int) total);
  }

  /**
   * [entra-dev] "Group Operations": create, get, rename, members add/remove (both shapes), delete.
   */
  @Test
  void groupLifecycle() {
    String a = createUser(Bodies.uniqueEmail("ga")).path("id").asText();
    String b = createUser(Bodies.uniqueEmail("gb")).path("id").asText();
    String name = "displayName " + UUID.randomUUID();
    String byName =
        "/Groups?excludedAttributes=members&filter=" + encoded("displayName eq \"" + name + "\"");
    expectList(entra.get(byName), 0);
    JsonNode group =
        expectResource(
            entra.post(
                "/Groups",
                fill(
                    """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                                "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                     "externalId":"{ext}","displayName":"{name}","meta":{"resourceType":"Group"}}
                    """,
                    "ext",
                    UUID.randomUUID().toString(),
                    "name",
                    name)),
            201,
            "Group");
    String id = group.path("id").asText();
    assertThat(group.has("members")).as("no members: omitted").isFalse();
    assertThat(expectList(entra.get(byName), 1).get(0).has("members")).isFalse();
    assertThat(
            expect(entra.get("/Groups/" + id + "?excludedAttributes=members"), 200).has("members"))
        .isFalse();

    String renamed = name + " updatedDisplayName";
    expectNoContent(
        entra.patch(
            "/Groups/" + id,
            patch(
                fill(
                    "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"{n}\"}",
                    "n",
                    renamed))));
    // Default shape: one Add with every member, $ref null and no type.
    expectNoContent(
        entra.patch(
            "/Groups/" + id,
            patch(
                fill(
                    "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"{a}\"},{\"$ref\":null,\"value\":\"{b}\"}]}",
                    "a",
                    a,
                    "b",
                    b))));
    assertThat(members(entra, id)).containsExactlyInAnyOrder(a, b);
    String check =
        "/Groups?filter="
            + encoded("id eq \"" + id + "\" and members.value eq \"" + a + "\"")
            + "&excludedAttributes=members";
    assertThat(expectList(entra.get(check), 1).get(0).has("members")).isFalse();
    // Default shape: Remove with a value list removes only those.
    expectNoContent(
        entra.patch(
            "/Groups/" + id,
            patch(
                fill(
                    "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"{a}\"}]}",
                    "a",
                    a))));
    expectList(entra.get(check), 0);
    assertThat(members(entra, id)).containsExactly(b);
    // aadOptscim062020 shape: one operation per member, lower-case op.
    expectNoContent(
        entra.patch(
            "/Groups/" + id + "?aadOptscim062020",
            patch(
                fill(
                    "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"{a}\"}]},{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"{b}\"}]}",
                    "a",
                    a,
                    "b",
                    b))));
    assertThat(members(entra, id)).containsExactly(a);
    assertThat(expect(entra.get("/Groups/" + id), 200).path("displayName").asText())
        .isEqualTo(renamed);

    expectNoContent(entra.delete("/Groups/" + id));
    expectError(
        entra.get("/Groups/" + id),
        404,
        null,
        "No Group with id " + id + " exists in this school.");
  }

  /**
   * [entra-flag] the flag rides on the Tenant URL, so it arrives on every route; it changes
   * nothing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"aadOptscim062020", "aadOptscim062020=true", "aadOptSCIM062020=true"})
  void aadOptscim062020IsAcceptedAndIgnoredOnEveryRoute(String flag) {
    String userName = Bodies.uniqueEmail("flagged");
    String body =
        fill(CREATE_USER, "externalId", UUID.randomUUID().toString(), "userName", userName);
    JsonNode created = expectResource(entra.post("/Users?" + flag, body), 201, "User");
    String id = created.path("id").asText();
    assertThat(expect(entra.get("/Users/" + id + "?" + flag), 200)).isEqualTo(created);
    expectList(
        entra.get("/Users?" + flag + "&filter=" + encoded("userName eq \"" + userName + "\"")), 1);
    JsonNode put = expect(entra.put("/Users/" + id + "?" + flag, body), 200);
    assertThat(put).isEqualTo(created);
    expect(
        entra.patch(
            "/Users/" + id + "?" + flag,
            patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")),
        200);
    String group =
        expectResource(
                entra.post("/Groups?" + flag, "{\"displayName\":\"" + userName + "\"}"),
                201,
                "Group")
            .path("id")
            .asText();
    expect(entra.get("/Groups?" + flag), 200);
    expectNoContent(
        entra.patch(
            "/Groups/" + group + "?" + flag,
            patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}")));
    expectNoContent(entra.delete("/Groups/" + group + "?" + flag));
    expectNoContent(entra.delete("/Users/" + id + "?" + flag));
    expect(entra.get("/ServiceProviderConfig?" + flag), 200);
  }

  /** [entra-dev] Entra reads the schema when an admin saves the attribute mappings. */
  @Test
  void schemasListTheUserSchemaWithTheClassLarkExtension() {
    JsonNode list = expect(entra.get("/Schemas"), 200);
    assertThat(list.path("schemas").get(0).asText()).isEqualTo(Replay.LIST_RESPONSE);
    assertThat(list.path("Resources").findValuesAsText("id"))
        .contains(
            CORE_USER, ENTERPRISE, Replay.PLANNER, "urn:ietf:params:scim:schemas:core:2.0:Group");
  }
}
