package com.classlark.scim.users;

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
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST, GET, PUT and DELETE of Users through real HTTP, on both databases (RFC 7644 §3.3–§3.6). */
class UsersCrudTest extends ServerPerEngine {

  private static JsonNode create(String body) {
    HttpResult result = client.post("/Users", body);
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json();
  }

  @Test
  void postCreatesTheFullResourceWithLocationAndEtag() {
    String userName = uniqueEmail("Jane.Doe");
    HttpResult result =
        client.post(
            "/Users",
            json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User',"
                    + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',"
                    + "'urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User'],"
                    + "'externalId':'e-1001','userName':'"
                    + userName
                    + "','name':{'givenName':'Jane','familyName':'Doe'},'displayName':'Jane Doe',"
                    + "'userType':'Event Manager','title':'Head of Maths','active':true,"
                    + "'emails':[{'value':'jane@school.example','type':'work','primary':true}],"
                    + "'phoneNumbers':[{'value':'+44 20 7946 0000','type':'work'}],"
                    + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':{'department':'Maths',"
                    + "'employeeNumber':'701984'},"
                    + "'urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User':"
                    + "{'subjects':'Mathematics, Physics','room':'A113','meetingUrl':'https://meet.school.example/a113'},"
                    + "'password':'secret-never-stored'}"));

    assertThat(result.status()).isEqualTo(201);
    JsonNode user = result.json();
    String id = user.path("id").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    JsonNode meta = user.path("meta");
    assertThat(meta.path("resourceType").asText()).isEqualTo("User");
    assertThat(meta.path("location").asText()).isEqualTo(server.baseUrl() + "/Users/" + id);
    assertThat(result.header("Location")).isEqualTo(meta.path("location").asText());
    assertThat(meta.path("version").asText()).isEqualTo("W/\"1\"");
    assertThat(result.header("ETag")).isEqualTo("W/\"1\"");
    assertThat(meta.path("created").asText()).isEqualTo(meta.path("lastModified").asText());
    assertThat(Instant.parse(meta.path("created").asText())).isNotNull();
    assertThat(Bodies.withoutMeta(user))
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User',"
                        + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',"
                        + "'urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User'],"
                        + "'externalId':'e-1001','userName':'"
                        + userName
                        + "','name':{'familyName':'Doe','givenName':'Jane'},'displayName':'Jane Doe',"
                        + "'title':'Head of Maths','userType':'Event Manager','active':true,"
                        + "'emails':[{'value':'jane@school.example','type':'work','primary':true}],"
                        + "'phoneNumbers':[{'value':'+44 20 7946 0000','type':'work'}],"
                        + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User':{'employeeNumber':'701984',"
                        + "'department':'Maths'},"
                        + "'urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User':"
                        + "{'subjects':'Mathematics, Physics','room':'A113','meetingUrl':'https://meet.school.example/a113'}}")));
    assertThat(result.body()).doesNotContain("password").doesNotContain("secret-never-stored");

    HttpResult read = client.get("/Users/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(user);
    assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
  }

  @Test
  void locationsUnderScimV2StayUnderScimV2() {
    HttpResult result = client.post("/scim/v2/Users", staff(uniqueEmail("v2")));
    String id = result.json().path("id").asText();
    assertThat(result.header("Location")).isEqualTo(server.baseUrl() + "/scim/v2/Users/" + id);
    assertThat(client.get("/scim/v2/Users/" + id).json().path("meta").path("location").asText())
        .isEqualTo(server.baseUrl() + "/scim/v2/Users/" + id);
  }

  @Test
  void userNameIsUniqueIgnoringCase() {
    String userName = uniqueEmail("dup");
    create(staff(userName));

    HttpResult again = client.post("/Users", staff(userName.toUpperCase()));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body())
        .isEqualTo(
            error(
                409,
                "uniqueness",
                "userName '"
                    + userName.toUpperCase()
                    + "' is already taken by another staff member of this school (compared ignoring"
                    + " case)."));
  }

  @Test
  void theSameUserNameMayExistInAnotherSchool() {
    String userName = uniqueEmail("shared");
    create(staff(userName));
    ScimClient otherSchool = server.clientForNewSchool("Other " + userName);

    assertThat(otherSchool.post("/Users", staff(userName)).status()).isEqualTo(201);
  }

  @Test
  void anotherSchoolsUserIsNotFound() {
    String id = create(staff(uniqueEmail("private"))).path("id").asText();
    ScimClient otherSchool = server.clientForNewSchool("Snooping School");

    for (HttpResult result :
        new HttpResult[] {
          otherSchool.get("/Users/" + id),
          otherSchool.put("/Users/" + id, staff(uniqueEmail("x"))),
          otherSchool.delete("/Users/" + id)
        }) {
      assertThat(result.status()).isEqualTo(404);
      assertThat(result.body())
          .isEqualTo(error(404, null, "No User with id " + id + " exists in this school."));
    }
    assertThat(client.get("/Users/" + id).status()).isEqualTo(200);
  }

  @Test
  void putReplacesTheWholeResourceIgnoringReadOnlyAttributes() {
    JsonNode created =
        create(
            json(
                "{'userName':'"
                    + uniqueEmail("put")
                    + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff',"
                    + "'title':'Teacher','nickName':'JD'}"));
    String id = created.path("id").asText();
    String newUserName = uniqueEmail("put.renamed");

    HttpResult replaced =
        client.put(
            "/Users/" + id,
            json(
                "{'id':'"
                    + id
                    + "','meta':{'created':'2001-01-01T00:00:00Z','version':'99'},"
                    + "'groups':[{'value':'whatever'}],'userName':'"
                    + newUserName
                    + "','name':{'givenName':'Janet','familyName':'Doe'},'userType':'Administrator',"
                    + "'active':false}"));

    assertThat(replaced.status()).isEqualTo(200);
    JsonNode user = replaced.json();
    assertThat(Bodies.withoutMeta(user))
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'userName':'"
                        + newUserName
                        + "','name':{'familyName':'Doe','givenName':'Janet'},'userType':'Administrator',"
                        + "'active':false}")));
    assertThat(user.path("id").asText()).isEqualTo(id);
    assertThat(user.path("meta").path("created")).isEqualTo(created.path("meta").path("created"));
    assertThat(user.path("meta").path("version").asText()).isEqualTo("W/\"2\"");
    assertThat(replaced.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(client.get("/Users/" + id).json()).isEqualTo(user);
  }

  @Test
  void putWithoutChangeKeepsTheVersion() {
    String body = staff(uniqueEmail("same"));
    String id = create(body).path("id").asText();

    HttpResult replaced = client.put("/Users/" + id, body);

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.header("ETag")).isEqualTo("W/\"1\"");
  }

  @Test
  void putMissingARequiredAttributeIsRefusedAndChangesNothing() {
    JsonNode created = create(staff(uniqueEmail("required")));
    String id = created.path("id").asText();

    HttpResult result =
        client.put("/Users/" + id, json("{'userName':'x@school.example','userType':'Staff'}"));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body())
        .isEqualTo(
            error(
                400, "invalidValue", "name is required, with name.familyName and name.givenName"));
    assertThat(client.get("/Users/" + id).json()).isEqualTo(created);
  }

  @Test
  void putToAnUnknownIdIsNotFoundAndCreatesNothing() {
    String id = "00000000-0000-4000-8000-000000000000";
    String userName = uniqueEmail("ghost");

    HttpResult result = client.put("/Users/" + id, staff(userName));

    assertThat(result.status()).isEqualTo(404);
    assertThat(client.get("/Users/" + id).status()).isEqualTo(404);
    assertThat(client.post("/Users", staff(userName)).status()).isEqualTo(201);
  }

  @Test
  void deletedUserIsNotFoundForEveryMethod() {
    String id = create(staff(uniqueEmail("gone"))).path("id").asText();

    HttpResult deleted = client.delete("/Users/" + id);

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.header("Content-Type")).isNull();
    String notFound = error(404, null, "No User with id " + id + " exists in this school.");
    assertThat(client.get("/Users/" + id).body()).isEqualTo(notFound);
    assertThat(client.put("/Users/" + id, staff(uniqueEmail("gone2"))).body()).isEqualTo(notFound);
    assertThat(client.delete("/Users/" + id).body()).isEqualTo(notFound);
    assertThat(client.get("/Users/" + id).status()).isEqualTo(404);
  }

  @Test
  void deleteFreesTheUserNameForANewRecordWithANewId() {
    String userName = uniqueEmail("reused");
    String firstId = create(staff(userName)).path("id").asText();
    assertThat(client.delete("/Users/" + firstId).status()).isEqualTo(204);

    JsonNode second = create(staff(userName));

    assertThat(second.path("id").asText()).isNotEqualTo(firstId);
    assertThat(second.path("userName").asText()).isEqualTo(userName);
    assertThat(client.get("/Users/" + firstId).status()).isEqualTo(404);
  }

  @Test
  void deactivatedUserStaysReadable() {
    JsonNode created = create(staff(uniqueEmail("inactive")));
    String id = created.path("id").asText();
    String body =
        json(
            "{'userName':'"
                + created.path("userName").asText()
                + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff','active':'False'}");

    assertThat(client.put("/Users/" + id, body).status()).isEqualTo(200);

    HttpResult read = client.get("/Users/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().path("active").isBoolean()).isTrue();
    assertThat(read.json().path("active").asBoolean()).isFalse();
  }

  @Test
  void attributesAndExcludedAttributesShapeTheResponse() {
    JsonNode created =
        create(
            json(
                "{'userName':'"
                    + uniqueEmail("projection")
                    + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff','title':'Teacher'}"));
    String id = created.path("id").asText();

    JsonNode only = client.get("/Users/" + id + "?attributes=userName,name.givenName").json();
    assertThat(only)
        .isEqualTo(
            Bodies.parse(
                json(
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'id':'"
                        + id
                        + "','userName':'"
                        + created.path("userName").asText()
                        + "','name':{'givenName':'Jane'}}")));

    JsonNode without = client.get("/Users/" + id + "?excludedAttributes=title,meta,name").json();
    assertThat(without.has("title")).isFalse();
    assertThat(without.has("name")).isFalse();
    assertThat(without.has("meta")).isFalse();
    assertThat(without.path("id").asText()).isEqualTo(id);
    assertThat(without.path("userType").asText()).isEqualTo("Staff");
  }

  @ParameterizedTest
  @ValueSource(strings = {"W/\"1\"", "\"1\"", "*", "W/\"7\", W/\"1\""})
  void ifNoneMatchWithTheCurrentVersionGets304(String tag) {
    String id = create(staff(uniqueEmail("etag"))).path("id").asText();

    HttpResult result =
        client.send("GET", "/Users/" + id, null, java.util.Map.of("If-None-Match", tag));

    assertThat(result.status()).isEqualTo(304);
    assertThat(result.body()).isEmpty();
    assertThat(result.header("Content-Type")).isNull();
  }

  @Test
  void ifMatchWithAnOldVersionGets412AndChangesNothing() {
    JsonNode created = create(staff(uniqueEmail("ifmatch")));
    String id = created.path("id").asText();
    String update = staff(created.path("userName").asText()).replace("Jane", "Janet");

    HttpResult stale =
        client.send("PUT", "/Users/" + id, update, java.util.Map.of("If-Match", "W/\"7\""));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.body())
        .isEqualTo(
            error(
                412,
                null,
                "The resource has changed: its current version is W/\"1\". Read it again and retry with"
                    + " that If-Match."));
    assertThat(
            client
                .send("DELETE", "/Users/" + id, null, java.util.Map.of("If-Match", "W/\"7\""))
                .status())
        .isEqualTo(412);
    assertThat(client.get("/Users/" + id).json()).isEqualTo(created);

    HttpResult current =
        client.send("PUT", "/Users/" + id, update, java.util.Map.of("If-Match", "W/\"1\""));
    assertThat(current.status()).isEqualTo(200);
    assertThat(current.header("ETag")).isEqualTo("W/\"2\"");
  }
}
