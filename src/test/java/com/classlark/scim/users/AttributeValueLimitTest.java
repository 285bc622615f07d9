package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * At most 100 values (the default of {@code --max-attribute-values}) per multi-valued attribute of
 * a User, whatever writes it: POST, PUT, the result of a PATCH, a Bulk operation. A Group's members
 * are not counted. Refused with {@code 400 invalidValue} naming the attribute and the limit.
 */
class AttributeValueLimitTest extends ServerPerEngine {
  private static final int LIMIT = 100;

  private static String tooMany(String attribute, int count) {
    return error(
        400,
        "invalidValue",
        attribute
            + " has "
            + count
            + " values; this service accepts at most 100 values per multi-valued attribute.");
  }

  /** {@code count} values of a multi-valued attribute, each unique to this user. */
  private static ArrayNode values(String attribute, String owner, int count) {
    ArrayNode values = Json.MAPPER.createArrayNode();
    for (int index = 0; index < count; index++) {
      ObjectNode value = values.addObject();
      value.put(
          "value",
          attribute.equals("emails")
              ? "v" + index + "." + owner
              : "tel:+44-20-7946-" + String.format("%04d", index));
      value.put("type", "work");
    }
    return values;
  }

  private static ObjectNode user(String userName) {
    return Bodies.parse(Bodies.staff(userName));
  }

  private static ObjectNode userWith(String attribute, int count) {
    String userName = Bodies.uniqueEmail("many");
    ObjectNode user = user(userName);
    user.set(attribute, values(attribute, userName, count));
    return user;
  }

  private static String filter(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  @Test
  void postAcceptsTheLimitAndWritesEveryEmailRow() {
    ObjectNode body = userWith("emails", LIMIT);
    String last = body.get("emails").get(LIMIT - 1).get("value").asText();

    HttpResult created = client.post("/Users", body.toString());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("emails")).hasSize(LIMIT);
    HttpResult found = client.get("/Users?filter=" + filter("emails.value eq \"" + last + "\""));
    assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
    assertThat(found.json().get("Resources").get(0).get("id")).isEqualTo(created.json().get("id"));
  }

  @Test
  void postRefusesOneValueOverTheLimit() {
    HttpResult result = client.post("/Users", userWith("phoneNumbers", LIMIT + 1).toString());

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body()).isEqualTo(tooMany("phoneNumbers", LIMIT + 1));
  }

  @Test
  void putRefusesOverTheLimitAndChangesNothing() {
    HttpResult created = client.post("/Users", userWith("emails", 2).toString());
    String id = created.json().get("id").asText();
    ObjectNode replacement = created.json().deepCopy();
    replacement.set("emails", values("emails", "put.example", LIMIT + 5));

    HttpResult result = client.put("/Users/" + id, replacement.toString());

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body()).isEqualTo(tooMany("emails", LIMIT + 5));
    assertThat(client.get("/Users/" + id).body()).isEqualTo(created.body());
  }

  @Test
  void patchIsCheckedOnItsResult() {
    HttpResult created = client.post("/Users", userWith("emails", LIMIT).toString());
    String id = created.json().get("id").asText();

    HttpResult oneMore =
        client.patch(
            "/Users/" + id,
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'add',"
                    + "'path':'emails','value':[{'value':'one.more@school.example'}]}]}"));
    HttpResult fewer =
        client.patch(
            "/Users/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                + "{\"op\":\"replace\",\"path\":\"emails\",\"value\":"
                + values("emails", "fewer.example", 3)
                + "}]}");

    assertThat(oneMore.status()).isEqualTo(400);
    assertThat(oneMore.body()).isEqualTo(tooMany("emails", LIMIT + 1));
    assertThat(fewer.status()).as(fewer.body()).isEqualTo(200);
    assertThat(fewer.json().get("emails")).hasSize(3);
  }

  @Test
  void bulkChecksEachOperation() {
    ObjectNode request = Json.object();
    request.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:BulkRequest");
    ArrayNode operations = request.putArray("Operations");
    ObjectNode over = operations.addObject();
    over.put("method", "POST").put("path", "/Users").put("bulkId", "over");
    over.set("data", userWith("roles", LIMIT + 1));
    ObjectNode at = operations.addObject();
    at.put("method", "POST").put("path", "/Users").put("bulkId", "at");
    at.set("data", userWith("roles", LIMIT));

    HttpResult result = client.post("/Bulk", request.toString());

    assertThat(result.status()).isEqualTo(200);
    JsonNode answers = result.json().get("Operations");
    assertThat(answers.get(0).get("status").asText()).isEqualTo("400");
    assertThat(answers.get(0).get("response").toString()).isEqualTo(tooMany("roles", LIMIT + 1));
    assertThat(answers.get(1).get("status").asText()).isEqualTo("201");
  }

  @Test
  void groupMembersAreNotCounted() {
    ObjectNode request = Json.object();
    request.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:BulkRequest");
    ArrayNode operations = request.putArray("Operations");
    for (int index = 0; index < LIMIT + 20; index++) {
      ObjectNode post = operations.addObject();
      post.put("method", "POST").put("path", "/Users").put("bulkId", "m" + index);
      post.set("data", user(Bodies.uniqueEmail("member")));
    }
    ArrayNode members = Json.MAPPER.createArrayNode();
    for (JsonNode answer : client.post("/Bulk", request.toString()).json().get("Operations")) {
      String location = answer.get("location").asText();
      members.addObject().put("value", location.substring(location.lastIndexOf('/') + 1));
    }
    ObjectNode group = Json.object();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("displayName", "Everyone " + engine);
    group.set("members", members);

    HttpResult created = client.post("/Groups", group.toString());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("members")).hasSize(LIMIT + 20);
  }

  @Test
  void schemasStateTheLimit() {
    JsonNode user = client.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json();

    assertThat(user.get("attributes"))
        .filteredOn(attribute -> attribute.get("name").asText().equals("emails"))
        .singleElement()
        .satisfies(
            emails ->
                assertThat(emails.get("description").asText())
                    .isEqualTo("Email addresses of the staff member. At most 100 values."));
  }
}
