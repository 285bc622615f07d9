package com.classlark.scim.groups;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Groups through HTTP on both databases: resource, endpoints, lifecycle and membership rules. */
class GroupsHttpTest extends ServerPerEngine {

  static String user() {
    HttpResult created = client.post("/Users", staff(uniqueEmail("member")));
    assertThat(created.status()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  static String uniqueName(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonNode createGroup(String displayName, String... memberIds) {
    StringBuilder members = new StringBuilder();
    for (String id : memberIds) {
      members.append(members.length() == 0 ? "" : ",").append("{'value':'").append(id).append("'}");
    }
    HttpResult created =
        client.post(
            "/Groups",
            json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
                    + displayName
                    + "','members':["
                    + members
                    + "]}"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  static List<String> memberIds(JsonNode group) {
    List<String> ids = new ArrayList<>();
    group.path("members").forEach(member -> ids.add(member.path("value").asText()));
    return ids;
  }

  static String patch(String operations) {
    return json(
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
            + operations
            + "]}");
  }

  static long membershipRows(String memberId) {
    return server
        .application()
        .services()
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT COUNT(*) FROM group_members WHERE account_id = ? AND member_id = ?")
                    .bind(0, server.school().id())
                    .bind(1, memberId)
                    .mapTo(Long.class)
                    .one());
  }

  /** Entra ID's group create, with its ADSCIM schema URN (Microsoft's SCIM endpoint guide). */
  @Test
  void entraGroupCreateWithAdscimUrnIsAccepted() {
    String name = uniqueName("Entra");
    HttpResult created =
        client.post(
            "/Groups",
            json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group',"
                    + "'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],"
                    + "'externalId':'8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159','displayName':'"
                    + name
                    + "','meta':{'resourceType':'Group'}}"));

    assertThat(created.status()).isEqualTo(201);
    JsonNode group = created.json();
    String id = group.path("id").asText();
    assertThat(Bodies.withoutMeta(group))
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],"
                        + "'externalId':'8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159','displayName':'"
                        + name
                        + "'}")));
    assertThat(created.header("Location")).isEqualTo(server.baseUrl() + "/Groups/" + id);
    assertThat(created.header("ETag"))
        .isEqualTo("W/\"1\"")
        .isEqualTo(group.path("meta").path("version").asText());
    assertThat(client.get("/Groups/" + id).json()).isEqualTo(group);
  }

  @Test
  void createWithMembersShowsTheirCurrentNames() {
    HttpResult jane =
        client.post(
            "/Users",
            json(
                "{'userName':'"
                    + uniqueEmail("jane")
                    + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff'}"));
    String janeId = jane.json().path("id").asText();
    JsonNode group = createGroup(uniqueName("Named"), janeId);

    assertThat(group.path("members"))
        .isEqualTo(
            Bodies.tree(
                json(
                    "[{'value':'"
                        + janeId
                        + "','display':'Jane Doe','$ref':'"
                        + server.baseUrl()
                        + "/Users/"
                        + janeId
                        + "','type':'User'}]")));
  }

  @Test
  void displayNameIsUniqueIgnoringCase() {
    String name = uniqueName("Maths");
    createGroup(name);

    HttpResult again = client.post("/Groups", json("{'displayName':'" + name.toUpperCase() + "'}"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body())
        .isEqualTo(
            error(
                409,
                "uniqueness",
                "displayName '"
                    + name.toUpperCase()
                    + "' is already taken by another group of this school (compared ignoring case)."));
  }

  @Test
  void namesLongerThanTheColumnAreRefusedOnBothEngines() {
    HttpResult result = client.post("/Groups", json("{'displayName':'" + "x".repeat(513) + "'}"));
    assertThat(result.body())
        .isEqualTo(error(400, "invalidValue", "displayName must be at most 512 characters long"));
    HttpResult nul = client.post("/Groups", "{\"displayName\":\"a\\u0000b\"}");
    assertThat(nul.body())
        .isEqualTo(
            error(400, "invalidValue", "displayName must not contain the NUL character (U+0000)"));
  }

  /** RFC 7643 §2.5: an empty multi-valued attribute is unassigned, and omitted like one. */
  @Test
  void removingEveryMemberLeavesNoMembersAttribute() {
    JsonNode group = createGroup(uniqueName("Emptied"), user(), user());
    String location = "/Groups/" + group.path("id").asText();

    HttpResult patched =
        client.patch(
            location + "?attributes=displayName,members",
            patch("{'op':'remove','path':'members'}"));

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json())
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'id':'"
                        + group.path("id").asText()
                        + "','displayName':'"
                        + group.path("displayName").asText()
                        + "'}")));
    JsonNode read = client.get(location).json();
    assertThat(read.has("members")).as(read.toString()).isFalse();
    JsonNode listed =
        client
            .get(
                "/Groups?filter="
                    + URLEncoder.encode(
                        "id eq \"" + group.path("id").asText() + "\"", StandardCharsets.UTF_8))
            .json()
            .path("Resources")
            .path(0);
    assertThat(listed).isEqualTo(read);
  }

  @Test
  void unstorableTextThroughPatchIsRefusedAndChangesNothing() {
    JsonNode group = createGroup(uniqueName("Stored"));
    String location = "/Groups/" + group.path("id").asText();

    HttpResult nul =
        client.patch(location, patch("{'op':'replace','path':'displayName','value':'a\\u0000b'}"));
    HttpResult surrogate =
        client.patch(location, patch("{'op':'replace','value':{'externalId':'\\udc00'}}"));

    assertThat(nul.body())
        .isEqualTo(
            error(400, "invalidValue", "displayName must not contain the NUL character (U+0000)"));
    assertThat(surrogate.body())
        .isEqualTo(
            error(
                400,
                "invalidValue",
                "externalId must not contain a lone UTF-16 surrogate (an escape such as \\ud800"
                    + " without its pair): it is not a character and cannot be stored"));
    assertThat(client.get(location).json()).isEqualTo(group);
  }

  @Test
  void membersFromAnotherSchoolAreRejectedAndNothingChanges() {
    String own = user();
    String stranger =
        server
            .clientForNewSchool("Stranger " + engine)
            .post("/Users", staff(uniqueEmail("s")))
            .json()
            .path("id")
            .asText();
    JsonNode group = createGroup(uniqueName("Atomic"));
    String id = group.path("id").asText();

    HttpResult result =
        client.patch(
            "/Groups/" + id,
            patch(
                "{'op':'add','path':'members','value':[{'value':'"
                    + own
                    + "'},{'value':'"
                    + stranger
                    + "'}]}"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body())
        .isEqualTo(
            error(
                400,
                "invalidValue",
                "member " + stranger + " is not a User of this school; nothing was changed."));
    JsonNode after = client.get("/Groups/" + id).json();
    assertThat(memberIds(after)).isEmpty();
    assertThat(after.path("meta").path("version").asText()).isEqualTo("W/\"1\"");
  }

  @Test
  void createWithAnUnknownMemberCreatesNothing() {
    String name = uniqueName("Ghosts");
    String ghost = UUID.randomUUID().toString();

    HttpResult result =
        client.post(
            "/Groups",
            json("{'displayName':'" + name + "','members':[{'value':'" + ghost + "'}]}"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("detail").asText())
        .isEqualTo("member " + ghost + " is not a User of this school; nothing was changed.");
    String filter = URLEncoder.encode("displayName eq \"" + name + "\"", StandardCharsets.UTF_8);
    assertThat(client.get("/Groups?filter=" + filter).json().path("totalResults").asInt()).isZero();
  }

  @Test
  void nestedGroupsAreRefused() {
    JsonNode inner = createGroup(uniqueName("Inner"));
    HttpResult result =
        client.post(
            "/Groups",
            json(
                "{'displayName':'"
                    + uniqueName("Outer")
                    + "','members':[{'value':'"
                    + inner.path("id").asText()
                    + "','type':'Group'}]}"));
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidValue");
    assertThat(result.json().path("detail").asText()).contains("nested groups are not supported");
  }

  @Test
  void membersWithoutTypeAndWithExtraKeysAreAccepted() {
    String a = user();
    String b = user();
    HttpResult created =
        client.post(
            "/Groups",
            json(
                "{'displayName':'"
                    + uniqueName("Loose")
                    + "','members':[{'value':'"
                    + a
                    + "','$ref':null},{'value':'"
                    + b
                    + "','name':'Bob','display':'ignored'}]}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(memberIds(created.json())).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void retiringAUserEndsEveryMembershipButDeactivatingDoesNot() {
    String leaving = user();
    String resting = user();
    JsonNode first = createGroup(uniqueName("First"), leaving, resting);
    JsonNode second = createGroup(uniqueName("Second"), leaving);

    HttpResult deactivate =
        client.patch("/Users/" + resting, patch("{'op':'replace','path':'active','value':false}"));
    assertThat(deactivate.status()).isEqualTo(200);
    assertThat(client.delete("/Users/" + leaving).status()).isEqualTo(204);

    assertThat(membershipRows(leaving)).isZero();
    JsonNode firstAfter = client.get("/Groups/" + first.path("id").asText()).json();
    assertThat(memberIds(firstAfter)).containsExactly(resting);
    assertThat(firstAfter.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    assertThat(memberIds(client.get("/Groups/" + second.path("id").asText()).json())).isEmpty();
  }

  @Test
  void membershipCheckFilterAnswersOneOrZero() {
    String member = user();
    String outsider = user();
    String id = createGroup(uniqueName("Check"), member).path("id").asText();

    for (String candidate : List.of(member, outsider)) {
      String filter =
          URLEncoder.encode(
              "id eq \"" + id + "\" and members.value eq \"" + candidate + "\"",
              StandardCharsets.UTF_8);
      JsonNode response = client.get("/Groups?excludedAttributes=members&filter=" + filter).json();
      int expected = candidate.equals(member) ? 1 : 0;
      assertThat(response.path("totalResults").asInt()).isEqualTo(expected);
      if (expected == 1) {
        assertThat(response.path("Resources").get(0).has("members")).isFalse();
        assertThat(response.path("Resources").get(0).path("id").asText()).isEqualTo(id);
      }
    }
  }

  @Test
  void groupFiltersOnDisplayNameAndExternalIdWork() {
    String name = uniqueName("Science");
    String id = createGroup(name).path("id").asText();
    String filter =
        URLEncoder.encode("displayName eq \"" + name.toLowerCase() + "\"", StandardCharsets.UTF_8);
    assertThat(
            client
                .get("/Groups?filter=" + filter)
                .json()
                .path("Resources")
                .get(0)
                .path("id")
                .asText())
        .isEqualTo(id);
  }

  @Test
  void unsupportedMemberFiltersAreRefusedClearly() {
    String filter = URLEncoder.encode("members.display eq \"Jane\"", StandardCharsets.UTF_8);
    HttpResult result = client.get("/Groups?filter=" + filter);
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json().path("scimType").asText()).isEqualTo("invalidFilter");
  }

  @Test
  void putReplacesTheMemberSetExactly() {
    String a = user();
    String b = user();
    String c = user();
    JsonNode group = createGroup(uniqueName("Put"), a, b);
    String id = group.path("id").asText();

    HttpResult replaced =
        client.put(
            "/Groups/" + id,
            json(
                "{'displayName':'"
                    + group.path("displayName").asText()
                    + " renamed','members':[{'value':'"
                    + b
                    + "'},{'value':'"
                    + c
                    + "'}]}"));

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(memberIds(replaced.json())).containsExactlyInAnyOrder(b, c);
    assertThat(replaced.json().path("displayName").asText()).endsWith(" renamed");
    assertThat(replaced.header("ETag")).isEqualTo("W/\"2\"");
  }

  @Test
  void deleteEndsTheGroupAndItsMemberships() {
    String member = user();
    String id = createGroup(uniqueName("Gone"), member).path("id").asText();

    assertThat(client.delete("/Groups/" + id).status()).isEqualTo(204);

    assertThat(client.get("/Groups/" + id).body())
        .isEqualTo(error(404, null, "No Group with id " + id + " exists in this school."));
    assertThat(membershipRows(member)).isZero();
    assertThat(client.get("/Users/" + member).status()).isEqualTo(200);
  }

  @Test
  void anotherSchoolsGroupIsNotFound() {
    String id = createGroup(uniqueName("Private")).path("id").asText();
    ScimClient other = server.clientForNewSchool("Nosy " + engine);
    assertThat(other.get("/Groups/" + id).status()).isEqualTo(404);
    assertThat(other.delete("/Groups/" + id).status()).isEqualTo(404);
    assertThat(
            other
                .patch("/Groups/" + id, patch("{'op':'replace','path':'displayName','value':'x'}"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void patchAnswers204UnlessAttributesAreAsked() {
    String member = user();
    String id = createGroup(uniqueName("Quiet")).path("id").asText();

    HttpResult quiet =
        client.patch(
            "/Groups/" + id,
            patch("{'op':'add','path':'members','value':[{'value':'" + member + "'}]}"));
    assertThat(quiet.status()).isEqualTo(204);
    assertThat(quiet.body()).isEmpty();
    assertThat(quiet.header("Content-Type")).as("a 204 has no content, so no media type").isNull();
    assertThat(quiet.header("ETag")).isEqualTo("W/\"2\"");

    HttpResult loud =
        client.patch(
            "/Groups/" + id + "?excludedAttributes=members",
            patch("{'op':'replace','path':'displayName','value':'Loud " + id + "'}"));
    assertThat(loud.status()).isEqualTo(200);
    assertThat(loud.json().path("displayName").asText()).isEqualTo("Loud " + id);
    assertThat(loud.json().has("members")).isFalse();
  }

  @Test
  void addingAPresentMemberChangesNothing() {
    String member = user();
    String id = createGroup(uniqueName("Idem"), member).path("id").asText();

    HttpResult again =
        client.patch(
            "/Groups/" + id,
            patch("{'op':'add','path':'members','value':[{'value':'" + member + "'}]}"));

    assertThat(again.status()).isEqualTo(204);
    assertThat(again.header("ETag")).isEqualTo("W/\"1\"");
    assertThat(memberIds(client.get("/Groups/" + id).json())).containsExactly(member);
    assertThat(membershipRows(member)).isEqualTo(1);
  }

  @Test
  void rootSearchPagesAcrossUsersThenGroups() {
    ScimClient school = server.clientForNewSchool("Search School " + engine);
    List<String> userIds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      userIds.add(school.post("/Users", staff(uniqueEmail("search"))).json().path("id").asText());
      server.clock().advance(java.time.Duration.ofSeconds(1));
    }
    List<String> groupIds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      server.clock().advance(java.time.Duration.ofSeconds(1));
      groupIds.add(
          school
              .post("/Groups", json("{'displayName':'" + uniqueName("Search") + "'}"))
              .json()
              .path("id")
              .asText());
    }
    String request =
        "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'filter':'meta.created pr',"
            + "'startIndex':START,'count':COUNT}";

    JsonNode all =
        school.post("/.search", json(request.replace("START", "1").replace("COUNT", "10"))).json();
    assertThat(all.path("totalResults").asInt()).isEqualTo(5);
    List<String> allIds = new ArrayList<>();
    all.path("Resources").forEach(resource -> allIds.add(resource.path("id").asText()));
    List<String> expected = new ArrayList<>(userIds);
    expected.addAll(groupIds);
    assertThat(allIds).containsExactlyElementsOf(expected);

    JsonNode straddling =
        school.post("/.search", json(request.replace("START", "3").replace("COUNT", "2"))).json();
    List<String> straddlingIds = new ArrayList<>();
    straddling
        .path("Resources")
        .forEach(resource -> straddlingIds.add(resource.path("id").asText()));
    assertThat(straddlingIds).containsExactly(userIds.get(2), groupIds.get(0));
    assertThat(straddling.path("totalResults").asInt()).isEqualTo(5);
    assertThat(straddling.path("startIndex").asInt()).isEqualTo(3);

    JsonNode usersOnly =
        school
            .post(
                "/.search",
                json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'filter':'userName pr'}"))
            .json();
    assertThat(usersOnly.path("totalResults").asInt()).isEqualTo(3);

    HttpResult neither =
        school.post(
            "/.search",
            json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],'filter':'fooBar pr'}"));
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.json().path("scimType").asText()).isEqualTo("invalidFilter");
  }
}
