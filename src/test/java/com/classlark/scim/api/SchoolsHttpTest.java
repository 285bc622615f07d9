package com.classlark.scim.api;

import static com.classlark.scim.testing.ApiClients.assertProblem;
import static com.classlark.scim.testing.ApiClients.problem;
import static com.classlark.scim.testing.ApiClients.validation;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.testing.ApiClients;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/schools}: list, create, read with its SCIM status and counts, settings. */
class SchoolsHttpTest extends ServerPerEngine {
  ScimClient support;
  ScimClient app;

  @BeforeEach
  void keys() {
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
    app = ApiClients.withNewKey(server, ApiKeyRole.APP);
  }

  private static String now() {
    return server.clock().instant().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String school(
      String id, String name, String createdAt, String scim, String counts) {
    return Bodies.json(
        "{'id':'"
            + id
            + "','name':'"
            + name
            + "','createdAt':'"
            + createdAt
            + "','scim':"
            + scim
            + counts
            + "}");
  }

  private static final String NOT_SET_UP =
      "{'status':'not_set_up','activeTokens':0,'lastUsedAt':null,'defaultUserType':null}";
  private static final String NO_RECORDS =
      ",'staff':{'total':0,'active':0,'managed':0},'groups':{'total':0,'managed':0}";

  private static void assertJson(HttpResult result, int status, String expected) {
    assertThat(result.status()).as(result.body()).isEqualTo(status);
    assertThat(result.header("Content-Type")).isEqualTo("application/json");
    assertThat(result.json()).isEqualTo(Bodies.tree(expected));
  }

  @Test
  void supportCreatesASchoolThatHasNoScimYet() {
    String createdAt = now();

    HttpResult created = support.post("/api/v1/schools", Bodies.json("{'name':' Hillside '}"));

    String id = created.json().path("id").asText();
    assertJson(created, 201, school(id, "Hillside", createdAt, NOT_SET_UP, NO_RECORDS));
    assertThat(created.header("Location")).isEqualTo("/api/v1/schools/" + id);
    assertJson(
        app.get("/api/v1/schools/" + id),
        200,
        school(id, "Hillside", createdAt, NOT_SET_UP, NO_RECORDS));
  }

  @Test
  void listShowsEverySchoolWithItsScimStatusButNoCounts() {
    Account listed = server.application().services().accounts().create("Listed School");

    HttpResult result = support.get("/api/v1/schools");

    assertThat(result.status()).isEqualTo(200);
    JsonNode item = null;
    for (JsonNode school : result.json().path("items")) {
      if (school.path("id").asText().equals(listed.id())) {
        item = school;
      }
    }
    assertThat(item)
        .isEqualTo(
            Bodies.tree(
                school(
                    listed.id(), "Listed School", listed.createdAt().toString(), NOT_SET_UP, "")));
    assertThat(result.json().path("items").findValuesAsText("id"))
        .contains(server.school().id(), listed.id());
  }

  @Test
  void schoolShowsItsScimStatusLastUseAndWhatItsDirectoryHolds() {
    Account account = server.application().services().accounts().create("Counted School");
    String token =
        server.application().services().tokens().issue(account.id(), null, null).secret();
    ScimClient scim = ScimClient.withToken(server.baseUrl(), token);
    String usedAt = now();
    assertThat(scim.post("/Users", Bodies.staff(Bodies.uniqueEmail("a"))).status()).isEqualTo(201);
    String inactive =
        Bodies.json(
            "{'userName':'"
                + Bodies.uniqueEmail("b")
                + "','name':{'givenName':'B','familyName':'B'},'userType':'Staff','active':false}");
    assertThat(scim.post("/Users", inactive).status()).isEqualTo(201);
    server
        .application()
        .services()
        .staff()
        .createByHand(account.id(), Bodies.parse(Bodies.staff(Bodies.uniqueEmail("c"))));
    assertThat(scim.post("/Groups", Bodies.json("{'displayName':'Science'}")).status())
        .isEqualTo(201);

    assertJson(
        app.get("/api/v1/schools/" + account.id()),
        200,
        school(
            account.id(),
            "Counted School",
            account.createdAt().toString(),
            "{'status':'enabled','activeTokens':1,'lastUsedAt':'"
                + usedAt
                + "','defaultUserType':null}",
            ",'staff':{'total':3,'active':2,'managed':2},'groups':{'total':1,'managed':1}"));
  }

  @Test
  void unknownSchoolIsNotFound() {
    HttpResult result = app.get("/api/v1/schools/no-such-school");

    JsonNode expected =
        problem(
                "not-found",
                "Not found",
                404,
                "No school with id no-such-school. Check the id; support can list every school.")
            .put("schoolId", "no-such-school");
    assertProblem(result, 404, expected);
  }

  @Test
  void appMayNotCreateOrChangeSchools() {
    JsonNode create =
        problem(
            "forbidden",
            "Forbidden",
            403,
            "Only a caller with the support role may create schools.");
    assertProblem(app.post("/api/v1/schools", Bodies.json("{'name':'X'}")), 403, create);

    JsonNode change =
        problem(
            "forbidden",
            "Forbidden",
            403,
            "Only a caller with the support role may change a school's settings.");
    assertProblem(
        app.patch(
            "/api/v1/schools/" + server.school().id(),
            Bodies.json("{'scim':{'defaultUserType':'Staff'}}")),
        403,
        change);
  }

  @Test
  void schoolNeedsAName() {
    assertProblem(
        support.post("/api/v1/schools", "{}"),
        400,
        validation("name", "name", "is required: 1 to 200 characters"));
    assertProblem(
        support.post("/api/v1/schools", Bodies.json("{'name':'" + "x".repeat(201) + "'}")),
        400,
        validation("name", "name", "is required: 1 to 200 characters"));
  }

  @Test
  void settingsRefuseAnUnknownUserTypeAndUnknownFields() {
    String path = "/api/v1/schools/" + server.school().id();

    assertProblem(
        support.patch(path, Bodies.json("{'scim':{'defaultUserType':'staff'}}")),
        400,
        validation(
            "scim.defaultUserType",
            "scim.defaultUserType",
            "must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive), or null for none"));
    assertProblem(
        support.patch(
            path, Bodies.json("{'name':'Renamed','scim':{'defaultUserType':7,'enabled':true}}")),
        400,
        validation(
            "name, scim.enabled, scim.defaultUserType",
            "name",
            "is not a field of this request; the fields are scim",
            "scim.enabled",
            "is not a field of this request; the fields are defaultUserType",
            "scim.defaultUserType",
            "must be a string"));
  }

  @Test
  void defaultUserTypeFillsInOnlyWhatTheIdentityProviderDidNotSend() {
    Account account = server.application().services().accounts().create("JumpCloud School");
    ScimClient scim =
        ScimClient.withToken(
            server.baseUrl(),
            server.application().services().tokens().issue(account.id(), null, null).secret());
    String path = "/api/v1/schools/" + account.id();
    String withoutType = "{'userName':'%s','name':{'givenName':'Jo','familyName':'Bloggs'}}";
    HttpResult refused =
        scim.post("/Users", Bodies.json(withoutType.formatted(Bodies.uniqueEmail("r"))));
    assertThat(refused.status()).isEqualTo(400);

    HttpResult set = support.patch(path, Bodies.json("{'scim':{'defaultUserType':'Staff'}}"));
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().path("scim").path("defaultUserType").asText()).isEqualTo("Staff");

    HttpResult defaulted =
        scim.post("/Users", Bodies.json(withoutType.formatted(Bodies.uniqueEmail("d"))));
    assertThat(defaulted.status()).isEqualTo(201);
    assertThat(defaulted.json().path("userType").asText()).isEqualTo("Staff");
    HttpResult sent =
        scim.post(
            "/Users",
            Bodies.json(
                "{'userName':'"
                    + Bodies.uniqueEmail("s")
                    + "','name':{'givenName':'Al','familyName':'Ad'},'UserType':'Administrator'}"));
    assertThat(sent.status()).isEqualTo(201);
    assertThat(sent.json().path("userType").asText()).isEqualTo("Administrator");

    HttpResult cleared = support.patch(path, Bodies.json("{'scim':{'defaultUserType':null}}"));
    assertThat(cleared.json().path("scim").path("defaultUserType").isNull()).isTrue();
    assertThat(
            scim.post("/Users", Bodies.json(withoutType.formatted(Bodies.uniqueEmail("n")))).json())
        .isEqualTo(refused.json());
  }

  @Test
  void defaultUserTypeAlsoFillsInPutAndBulk() {
    Account account = server.application().services().accounts().create("Custom Connector School");
    ScimClient scim =
        ScimClient.withToken(
            server.baseUrl(),
            server.application().services().tokens().issue(account.id(), null, null).secret());
    support.patch(
        "/api/v1/schools/" + account.id(),
        Bodies.json("{'scim':{'defaultUserType':'Finance Manager'}}"));
    String email = Bodies.uniqueEmail("p");
    HttpResult created =
        scim.post(
            "/Users",
            Bodies.json(
                "{'userName':'"
                    + email
                    + "','name':{'givenName':'P','familyName':'Q'},'userType':'Administrator'}"));

    HttpResult replaced =
        scim.put(
            "/Users/" + created.json().path("id").asText(),
            Bodies.json(
                "{'userName':'"
                    + email
                    + "','name':{'givenName':'P','familyName':'Q'},'userType':null}"));
    HttpResult bulk =
        scim.post(
            "/Bulk",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':["
                    + "{'method':'POST','bulkId':'b1','path':'/Users','data':{'userName':'"
                    + Bodies.uniqueEmail("b")
                    + "','name':{'givenName':'B','familyName':'C'}}}]}"));

    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().path("userType").asText()).isEqualTo("Finance Manager");
    assertThat(bulk.json().path("Operations").get(0).path("status").asText()).isEqualTo("201");
    String bulkId =
        bulk.json().path("Operations").get(0).path("location").asText().replaceAll(".*/", "");
    assertThat(scim.get("/Users/" + bulkId).json().path("userType").asText())
        .isEqualTo("Finance Manager");
  }
}
