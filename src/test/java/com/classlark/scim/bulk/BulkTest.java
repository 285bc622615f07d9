package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestServer;
import com.classlark.scim.web.HttpSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /Bulk} through real HTTP on both databases (RFC 7644 §3.7). */
@ParameterizedClass
@EnumSource(Engine.class)
class BulkTest {
  static final int MAX_OPERATIONS = 10;
  static final int MAX_PAYLOAD = 16_384;
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  static TestServer server;
  static ScimClient client;

  @Parameter Engine engine;

  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    server =
        TestServer.start(
            engine,
            new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, null),
            new BulkSettings(MAX_OPERATIONS, MAX_PAYLOAD));
    client = server.client();
  }

  @AfterParameterizedClassInvocation
  static void stopServer() {
    server.close();
  }

  static String bulk(String... operations) {
    return json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'Operations':[")
        + String.join(",", operations).replace('\'', '"')
        + "]}";
  }

  static String postUser(String bulkId, String userName) {
    return "{'method':'POST','path':'/Users','bulkId':'"
        + bulkId
        + "','data':"
        + staff(userName)
        + "}";
  }

  static String postUserWithManager(String bulkId, String userName, String manager) {
    return "{'method':'POST','path':'/Users','bulkId':'"
        + bulkId
        + "','data':{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','"
        + ENTERPRISE
        + "'],'userName':'"
        + userName
        + "','name':{'givenName':'Max','familyName':'Mustermann'},'userType':'Staff','"
        + ENTERPRISE
        + "':{'manager':{'value':'"
        + manager
        + "'}}}}";
  }

  static String group(String displayName, String... memberValues) {
    List<String> members = new ArrayList<>();
    for (String value : memberValues) {
      members.add("{'value':'" + value + "'}");
    }
    return "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'"
        + displayName
        + "','members':["
        + String.join(",", members)
        + "]}";
  }

  static String addMembers(String... memberValues) {
    List<String> members = new ArrayList<>();
    for (String value : memberValues) {
      members.add("{'value':'" + value + "'}");
    }
    return "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add',"
        + "'path':'members','value':["
        + String.join(",", members)
        + "]}]}";
  }

  static String unique(String prefix) {
    return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonNode bulkOk(String body) {
    HttpResult result = client.post("/Bulk", body);
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    return result.json();
  }

  static String created(String path, String body) {
    HttpResult result = client.post(path, body);
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json().get("id").textValue();
  }

  static int count(String endpoint, String filter) {
    HttpResult result =
        client.get(endpoint + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    return result.json().get("totalResults").intValue();
  }

  static String idOf(JsonNode operation) {
    String location = operation.get("location").textValue();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** One expected entry of a BulkResponse; nulls are left out. */
  static String result(
      String method, String bulkId, String location, String version, int status, String error) {
    StringBuilder entry = new StringBuilder("{\"method\":\"" + method + "\"");
    if (bulkId != null) {
      entry.append(",\"bulkId\":\"").append(bulkId).append('"');
    }
    if (location != null) {
      entry.append(",\"location\":\"").append(server.baseUrl()).append(location).append('"');
    }
    if (version != null) {
      entry.append(",\"version\":\"W/\\\"").append(version).append("\\\"\"");
    }
    entry.append(",\"status\":\"").append(status).append('"');
    if (error != null) {
      entry.append(",\"response\":").append(error);
    }
    return entry.append('}').toString();
  }

  static JsonNode response(String... results) {
    return Bodies.parse(
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkResponse\"],\"Operations\":["
            + String.join(",", results)
            + "]}");
  }

  @Test
  void aGroupMayReferenceAUserThatALaterOperationCreates() {
    String displayName = unique("Forward");
    JsonNode response =
        bulkOk(
            bulk(
                "{'method':'POST','path':'/Groups','bulkId':'g','data':"
                    + group(displayName, "bulkId:u")
                    + "}",
                postUserWithManager("m", uniqueEmail("managed"), "bulkId:u"),
                postUser("u", uniqueEmail("forward"))));

    JsonNode operations = response.get("Operations");
    String groupId = idOf(operations.get(0));
    String managedId = idOf(operations.get(1));
    String userId = idOf(operations.get(2));
    assertThat(response)
        .isEqualTo(
            response(
                result("POST", "g", "/Groups/" + groupId, "1", 201, null),
                result("POST", "m", "/Users/" + managedId, "1", 201, null),
                result("POST", "u", "/Users/" + userId, "1", 201, null)));
    JsonNode group = client.get("/Groups/" + groupId).json();
    assertThat(group.get("displayName").textValue()).isEqualTo(displayName);
    assertThat(group.get("members").size()).isEqualTo(1);
    assertThat(group.get("members").get(0).get("value").textValue()).isEqualTo(userId);
    assertThat(
            client
                .get("/Users/" + managedId)
                .json()
                .get(ENTERPRISE)
                .get("manager")
                .get("value")
                .textValue())
        .isEqualTo(userId);
  }

  @Test
  void operationsInACircularReferenceGet409AndChangeNothing() {
    String first = uniqueEmail("circle-a");
    String second = uniqueEmail("circle-b");
    String displayName = unique("Circle");
    String independent = uniqueEmail("independent");

    JsonNode response =
        bulkOk(
            bulk(
                postUserWithManager("a", first, "bulkId:b"),
                postUserWithManager("b", second, "bulkId:a"),
                "{'method':'POST','path':'/Groups','bulkId':'c','data':"
                    + group(displayName, "bulkId:a")
                    + "}",
                postUser("d", independent)));

    String cycle =
        " is part of a circular reference between the POST operations with bulkIds a, b, which cannot be"
            + " resolved; nothing was changed by this operation. Create one without the reference and add"
            + " it with a later PATCH.";
    assertThat(response)
        .isEqualTo(
            response(
                result(
                    "POST",
                    "a",
                    null,
                    null,
                    409,
                    error(409, null, "Operations[0] (bulkId 'a')" + cycle)),
                result(
                    "POST",
                    "b",
                    null,
                    null,
                    409,
                    error(409, null, "Operations[1] (bulkId 'b')" + cycle)),
                result(
                    "POST",
                    "c",
                    null,
                    null,
                    409,
                    error(
                        409,
                        null,
                        "Operations[2] (bulkId 'c') references bulkId:a, whose POST failed; nothing was"
                            + " changed by this operation.")),
                result(
                    "POST",
                    "d",
                    "/Users/" + idOf(response.get("Operations").get(3)),
                    "1",
                    201,
                    null)));
    assertThat(count("/Users", "userName eq \"" + first + "\" or userName eq \"" + second + "\""))
        .isZero();
    assertThat(count("/Groups", "displayName eq \"" + displayName + "\"")).isZero();
    assertThat(count("/Users", "userName eq \"" + independent + "\"")).isEqualTo(1);
  }

  @Test
  void aReferenceToAnUnknownBulkIdIs400AndChangesNothing() {
    String groupId = created("/Groups", json(group(unique("Unknown"))));

    JsonNode response =
        bulkOk(
            bulk(
                "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','data':"
                    + addMembers("bulkId:ghost")
                    + "}",
                "{'method':'DELETE','path':'/Users/bulkId:nobody'}"));

    assertThat(response)
        .isEqualTo(
            response(
                result(
                    "PATCH",
                    null,
                    "/Groups/" + groupId,
                    null,
                    400,
                    error(
                        400,
                        "invalidValue",
                        "Operations[0] references bulkId:ghost, but no POST operation of this request has"
                            + " bulkId 'ghost'; nothing was changed by this operation.")),
                result(
                    "DELETE",
                    null,
                    null,
                    null,
                    400,
                    error(
                        400,
                        "invalidValue",
                        "Operations[1] references bulkId:nobody, but no POST operation of this request has"
                            + " bulkId 'nobody'; nothing was changed by this operation."))));
    HttpResult group = client.get("/Groups/" + groupId);
    assertThat(group.header("ETag")).isEqualTo("W/\"1\"");
    assertThat(group.json().has("members")).as("no members: omitted").isFalse();
  }

  @Test
  void failOnErrorsStopsAfterThatManyErrorsAndSkipsTheRest() {
    String taken = uniqueEmail("taken");
    created("/Users", staff(taken));
    String first = uniqueEmail("first");
    String never = uniqueEmail("never");

    JsonNode response =
        bulkOk(
            json(
                    "{'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],'failOnErrors':1,'Operations':[")
                + String.join(
                        ",",
                        postUser("one", first),
                        postUser("two", taken.toUpperCase(java.util.Locale.ROOT)),
                        postUser("three", never))
                    .replace('\'', '"')
                + "]}");

    assertThat(response)
        .isEqualTo(
            response(
                result(
                    "POST",
                    "one",
                    "/Users/" + idOf(response.get("Operations").get(0)),
                    "1",
                    201,
                    null),
                result(
                    "POST",
                    "two",
                    null,
                    null,
                    409,
                    error(
                        409,
                        "uniqueness",
                        "userName '"
                            + taken.toUpperCase(java.util.Locale.ROOT)
                            + "' is already taken by another staff member of this school (compared ignoring"
                            + " case)."))));
    assertThat(count("/Users", "userName eq \"" + first + "\"")).isEqualTo(1);
    assertThat(count("/Users", "userName eq \"" + never + "\"")).isZero();
  }

  @Test
  void aFailedOperationLeavesTheOthersFullyApplied() {
    String existingName = uniqueEmail("existing");
    String existingId = created("/Users", staff(existingName));
    String groupId = created("/Groups", json(group(unique("Applied"))));
    String newName = uniqueEmail("new");
    String badPatch =
        json(
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'replace',"
                + "'path':'userType','value':'Teacher'}]}");
    HttpResult singleEndpointAnswer = client.patch("/Users/" + existingId, badPatch);
    assertThat(singleEndpointAnswer.status()).isEqualTo(400);

    JsonNode response =
        bulkOk(
            bulk(
                postUser("n", newName),
                postUser("dup", existingName),
                "{'method':'PUT','path':'/Users/"
                    + existingId
                    + "','data':"
                    + staff(existingName).replace("Jane", "Janet")
                    + "}",
                "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','data':"
                    + addMembers("bulkId:n")
                    + "}",
                "{'method':'PATCH','path':'/Users/" + existingId + "','data':" + badPatch + "}"));

    String newId = idOf(response.get("Operations").get(0));
    assertThat(response)
        .isEqualTo(
            response(
                result("POST", "n", "/Users/" + newId, "1", 201, null),
                result(
                    "POST",
                    "dup",
                    null,
                    null,
                    409,
                    error(
                        409,
                        "uniqueness",
                        "userName '"
                            + existingName
                            + "' is already taken by another staff member of this school (compared ignoring"
                            + " case).")),
                result("PUT", null, "/Users/" + existingId, "2", 200, null),
                result("PATCH", null, "/Groups/" + groupId, "2", 204, null),
                result(
                    "PATCH",
                    null,
                    "/Users/" + existingId,
                    null,
                    400,
                    singleEndpointAnswer.body())));
    HttpResult existing = client.get("/Users/" + existingId);
    assertThat(existing.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(existing.json().get("name").get("givenName").textValue()).isEqualTo("Janet");
    assertThat(existing.json().get("userType").textValue()).isEqualTo("Staff");
    JsonNode group = client.get("/Groups/" + groupId).json();
    assertThat(group.get("members").get(0).get("value").textValue()).isEqualTo(newId);
    assertThat(group.get("meta").get("version").textValue()).isEqualTo("W/\"2\"");
    assertThat(count("/Users", "userName eq \"" + newName + "\"")).isEqualTo(1);
  }

  @Test
  void writesCarryTheirVersionAsIfMatch() {
    String userName = uniqueEmail("versioned");
    String userId = created("/Users", staff(userName));
    String groupId = created("/Groups", json(group(unique("Versioned"))));
    String renamed = unique("Renamed");
    String stale =
        error(
            412,
            null,
            "The resource has changed: its current version is W/\"2\". Read it again and retry with that"
                + " If-Match.");

    JsonNode response =
        bulkOk(
            bulk(
                "{'method':'PUT','path':'/Users/"
                    + userId
                    + "','version':'W/\\'1\\'','data':"
                    + staff(userName).replace("Doe", "Dough")
                    + "}",
                "{'method':'PATCH','path':'/Users/"
                    + userId
                    + "','version':'W/\\'1\\'','data':"
                    + "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':"
                    + "'replace','path':'title','value':'Stale'}]}}",
                "{'method':'PATCH','path':'/Groups/"
                    + groupId
                    + "','version':'\\'1\\'','data':"
                    + "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':"
                    + "'replace','path':'displayName','value':'"
                    + renamed
                    + "'}]}}",
                "{'method':'DELETE','path':'/Groups/" + groupId + "','version':'W/\\'1\\''}",
                "{'method':'DELETE','path':'/Users/" + userId + "','version':'W/\\'2\\''}"));

    assertThat(response)
        .isEqualTo(
            response(
                result("PUT", null, "/Users/" + userId, "2", 200, null),
                result("PATCH", null, "/Users/" + userId, null, 412, stale),
                result("PATCH", null, "/Groups/" + groupId, "2", 204, null),
                result("DELETE", null, "/Groups/" + groupId, null, 412, stale),
                result("DELETE", null, "/Users/" + userId, null, 204, null)));
    assertThat(client.get("/Users/" + userId).status()).isEqualTo(404);
    HttpResult group = client.get("/Groups/" + groupId);
    assertThat(group.header("ETag")).isEqualTo("W/\"2\"");
    assertThat(group.json().get("displayName").textValue()).isEqualTo(renamed);
  }

  @Test
  void methodsInAnyCaseWorkAndLocationsFollowTheScimV2Prefix() {
    String userName = uniqueEmail("lower");
    HttpResult result =
        client.post(
            "/scim/v2/Bulk",
            bulk(
                "{'method':'post','path':'Users','bulkId':'x','data':" + staff(userName) + "}",
                "{'method':'Delete','path':'/Users/bulkId:x'}"));

    assertThat(result.status()).isEqualTo(200);
    String location = result.json().get("Operations").get(0).get("location").textValue();
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertThat(location).isEqualTo(server.baseUrl() + "/scim/v2/Users/" + id);
    assertThat(result.json().get("Operations").get(1).toString())
        .isEqualTo(
            "{\"method\":\"DELETE\",\"location\":\""
                + server.baseUrl()
                + "/scim/v2/Users/"
                + id
                + "\",\"status\":\"204\"}");
    assertThat(count("/Users", "userName eq \"" + userName + "\"")).isZero();
  }

  @Test
  void moreOperationsThanMaxOperationsIs413AndRunsNothing() {
    List<String> operations = new ArrayList<>();
    List<String> userNames = new ArrayList<>();
    for (int index = 0; index <= MAX_OPERATIONS; index++) {
      String userName = uniqueEmail("over");
      userNames.add(userName);
      operations.add(postUser("b" + index, userName));
    }

    HttpResult result = client.post("/Bulk", bulk(operations.toArray(String[]::new)));

    assertThat(result.status()).isEqualTo(413);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(413, null, "The number of operations (11) exceeds the maxOperations (10).")));
    assertThat(count("/Users", "userName eq \"" + userNames.get(0) + "\"")).isZero();
  }

  @Test
  void aBodyOverMaxPayloadSizeIs413AndRunsNothing() {
    String userName = uniqueEmail("large");
    String body =
        bulk(
            "{'method':'POST','path':'/Users','bulkId':'big','data':"
                + staff(userName).replace("}", ",\"title\":\"" + "x".repeat(MAX_PAYLOAD) + "\"}")
                + "}");
    assertThat(body.length())
        .isGreaterThan(MAX_PAYLOAD)
        .isLessThan((int) HttpSettings.DEFAULT_MAX_BODY_BYTES);

    HttpResult result = client.post("/Bulk", body);

    assertThat(result.status()).isEqualTo(413);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    413,
                    null,
                    "The size of the bulk operation exceeds the maxPayloadSize (16384).")));
    assertThat(count("/Users", "userName eq \"" + userName + "\"")).isZero();
  }

  static Stream<Arguments> malformedRequests() {
    String schemas = "'schemas':['urn:ietf:params:scim:api:messages:2.0:BulkRequest']";
    String post = "'method':'POST','path':'/Users','data':{}";
    return Stream.of(
        Arguments.of(
            "{'Operations':[]}",
            "invalidSyntax",
            "schemas must be [\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"] for POST /Bulk"),
        Arguments.of(
            "{" + schemas + "}",
            "invalidSyntax",
            "Operations is required: an array of bulk operations"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{" + post + "}]}",
            "invalidSyntax",
            "Operations[0].bulkId is required for POST"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{'method':'GET','path':'/Users/1'}]}",
            "invalidValue",
            "Operations[0].method 'GET' is not one of POST, PUT, PATCH, DELETE"),
        Arguments.of(
            "{"
                + schemas
                + ",'Operations':[{'method':'POST','path':'/Devices','bulkId':'d','data':{}}]}",
            "invalidValue",
            "Operations[0].path '/Devices' is not valid for POST: expected /Users or /Groups"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{'method':'PUT','path':'/Users','data':{}}]}",
            "invalidValue",
            "Operations[0].path '/Users' is not valid for PUT: expected /Users/{id} or /Groups/{id}"),
        Arguments.of(
            "{" + schemas + ",'Operations':[{'method':'PATCH','path':'/Users/1'}]}",
            "invalidSyntax",
            "Operations[0].data is required for PATCH: a JSON object"),
        Arguments.of(
            "{"
                + schemas
                + ",'Operations':[{"
                + post
                + ",'bulkId':'x'},{"
                + post
                + ",'bulkId':'x'}]}",
            "invalidValue",
            "Operations[1].bulkId 'x' is already the bulkId of Operations[0]; bulkIds must be unique within"
                + " a request"),
        Arguments.of(
            "{" + schemas + ",'failOnErrors':0,'Operations':[]}",
            "invalidValue",
            "failOnErrors must be a positive integer (the number of errors to accept before stopping), got 0"));
  }

  @ParameterizedTest
  @MethodSource("malformedRequests")
  void aMalformedRequestIs400AndRunsNothing(String body, String scimType, String detail) {
    HttpResult result = client.post("/Bulk", json(body));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.json()).isEqualTo(Bodies.parse(error(400, scimType, detail)));
  }

  @Test
  void bulkNeedsTheToken() {
    HttpResult result =
        new ScimClient(server.baseUrl(), Map.of("Content-Type", "application/scim+json"))
            .post("/Bulk", bulk());

    assertThat(result.status()).isEqualTo(401);
  }
}
