package com.classlark.scim.groups;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A group as a resource over HTTP on both databases: create, names, text, delete, PATCH answers.
 */
class GroupResourceTest extends GroupExchanges {
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
}
