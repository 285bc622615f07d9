package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Shorthand for the PATCH /Users tests. Bodies are single-quoted (see {@link Bodies#json}), so a
 * quote inside a JSON string is written {@code \\'} in Java. Placeholders in braces are filled per
 * test: {@code {user}} a fresh userName, {@code {id}} the patched user's id, {@code {boss}} another
 * user's id, {@code {base}} the server's base URL.
 */
final class UserPatches {
  private UserPatches() {}

  static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PLANNER =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /**
   * The required attributes every test user has, and {@code active}, which the service defaults to
   * true.
   */
  static final String REQUIRED =
      "'userName':'{user}','name':{'familyName':'Doe','givenName':'Jane'},'userType':'Staff',"
          + "'active':true";

  /** A core user: schemas, the required attributes and {@code fields}. */
  static String user(String fields) {
    return "{'schemas':['" + CORE + "']," + REQUIRED + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  /** A user with the enterprise extension: schemas, the required attributes and {@code fields}. */
  static String enterpriseUser(String fields) {
    return "{'schemas':['" + CORE + "','" + ENTERPRISE + "']," + REQUIRED + "," + fields + "}";
  }

  /** A PatchOp message with these operations, as JSON text. */
  static String patch(String... operations) {
    return json(
        "{'schemas':['" + PATCH_OP + "'],'Operations':[" + String.join(",", operations) + "]}");
  }

  /** {@code text} with its placeholders filled and single quotes turned into JSON quotes. */
  static String fill(String text, Map<String, String> values) {
    String filled = text;
    for (Map.Entry<String, String> value : values.entrySet()) {
      filled = filled.replace("{" + value.getKey() + "}", value.getValue());
    }
    return json(filled);
  }

  /** POSTs a user and returns the created resource; fails the test unless it is 201. */
  static JsonNode create(ScimClient client, String body) {
    HttpResult result = client.post("/Users", body);
    assertThat(result.status()).as(result.body()).isEqualTo(201);
    return result.json();
  }

  /**
   * Asserts a whole PATCH response: 200, the expected resource, the same id, created, location and
   * resourceType as at creation, the given version in meta and ETag; and that a GET returns the
   * same.
   */
  static void assertPatched(
      ScimClient client, JsonNode created, HttpResult patched, String expected, long version) {
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.header("Content-Type")).startsWith("application/scim+json");
    JsonNode resource = patched.json();
    assertThat(Bodies.withoutMeta(resource)).isEqualTo(Bodies.parse(expected));
    assertThat(resource.path("id")).isEqualTo(created.path("id"));
    JsonNode meta = resource.path("meta");
    JsonNode createdMeta = created.path("meta");
    assertThat(meta.path("resourceType")).isEqualTo(createdMeta.path("resourceType"));
    assertThat(meta.path("created")).isEqualTo(createdMeta.path("created"));
    assertThat(meta.path("location")).isEqualTo(createdMeta.path("location"));
    assertThat(meta.path("version").asText()).isEqualTo("W/\"" + version + "\"");
    assertThat(patched.header("ETag")).isEqualTo("W/\"" + version + "\"");
    HttpResult read = client.get("/Users/" + created.path("id").asText());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(resource);
  }

  /**
   * The user's row in the {@code staff} table: {@code version}, {@code last_modified}, {@code
   * document}.
   */
  static StaffRow row(TestServer server, String id) {
    return server
        .application()
        .services()
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT version, last_modified, document FROM staff WHERE account_id = ? AND id = ?")
                    .bind(0, server.school().id())
                    .bind(1, id)
                    .map(
                        (rs, ctx) ->
                            new StaffRow(
                                rs.getLong("version"),
                                rs.getLong("last_modified"),
                                Bodies.parse(rs.getString("document"))))
                    .one());
  }

  /** The email addresses in the {@code staff_emails} table of a user, in position order. */
  static List<String> emailRows(TestServer server, String id) {
    return server
        .application()
        .services()
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT value FROM staff_emails WHERE account_id = ? AND staff_id = ? ORDER BY position")
                    .bind(0, server.school().id())
                    .bind(1, id)
                    .mapTo(String.class)
                    .list());
  }

  /** A row of the {@code staff} table as the tests read it. */
  record StaffRow(long version, long lastModified, JsonNode document) {}
}
