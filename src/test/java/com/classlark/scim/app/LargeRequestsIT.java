package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.store.Database;
import com.classlark.scim.store.StaffBulkLoader;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServiceProcess;
import com.classlark.scim.testing.TestDatabase;
import com.classlark.scim.web.HttpSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The largest request each endpoint accepts at the default limits (2 MiB body, 1 MiB and 1,000
 * operations for /Bulk, 100 values per multi-valued attribute), and the worst a client can send
 * within them, against the built jar started with the service's JVM options (96 MiB heap, exit on
 * OutOfMemoryError). Each is answered normally or with its SCIM error: never a 500, never an
 * OutOfMemoryError, and the service stays up, also when eight such bodies arrive at once.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class LargeRequestsIT {
  private static final int BODY_LIMIT = (int) HttpSettings.DEFAULT_MAX_BODY_BYTES;
  private static final int BULK_LIMIT = BulkSettings.DEFAULT_MAX_PAYLOAD_BYTES;
  private static final int VALUES = 100;
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** As many existing staff as fit as members into one body at the limit. */
  private static final int MEMBERS = BODY_LIMIT / 50;

  static TestDatabase database;
  static ServiceProcess service;
  static ScimClient client;
  static List<String> staffIds;

  @Parameter Engine engine;

  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) throws Exception {
    database = TestDatabase.create(engine);
    String token = seed(MEMBERS);
    service = ServiceProcess.start(database, Map.of());
    client = ScimClient.withToken(service.baseUrl(), token);
  }

  /** The school, its token and {@code size} staff, loaded straight into the database. */
  private static String seed(int size) {
    try (Database open = Database.open(database.target())) {
      open.migrate();
      Services services = Services.over(open, Clock.systemUTC());
      Account school = services.accounts().create("Large School");
      String token = services.tokens().issue(school.id(), "large requests", null).secret();
      List<String> ids = new ArrayList<>(size);
      List<StoredResource> batch = new ArrayList<>();
      Instant created = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      for (int n = 0; n < size; n++) {
        ObjectNode document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("large", n));
        document.put("active", true);
        StaffRules.validate(document);
        String id = UUID.randomUUID().toString();
        ids.add(id);
        batch.add(new StoredResource(id, document, created, created, 1, true));
        if (batch.size() == 1_000 || n == size - 1) {
          StaffBulkLoader.insert(open, school.id(), batch);
          batch.clear();
        }
      }
      staffIds = List.copyOf(ids);
      return token;
    }
  }

  @AfterParameterizedClassInvocation
  static void stopServer() {
    service.close();
    database.close();
  }

  /** After every test: still up, and nothing in its log of an OutOfMemoryError or a 500. */
  @AfterEach
  void serverSurvived() {
    assertThat(service.process().isAlive()).as("the service exited: %s", service.log()).isTrue();
    assertThat(client.get("/healthz").status()).isEqualTo(200);
    assertThat(service.log()).doesNotContain("OutOfMemoryError").doesNotContain(" 500 ");
  }

  // ---- bodies

  /** A padding of {@code length} letters. */
  private static String padding(int length) {
    return "x".repeat(Math.max(0, length));
  }

  /**
   * A User with {@link #VALUES} values in every multi-valued attribute it can write, padded so that
   * its JSON is just under {@code bytes}.
   */
  private static ObjectNode fullUser(int bytes) {
    ObjectNode user = Json.object();
    user.put(
        "userName", "full." + UUID.randomUUID().toString().substring(0, 8) + "@school.example");
    user.putObject("name").put("givenName", "Jane").put("familyName", "Doe");
    user.put("userType", "Staff");
    int paddingPerValue = 0;
    for (int round = 0; round < 2; round++) {
      fillValues(user, paddingPerValue);
      int size = user.toString().getBytes(StandardCharsets.UTF_8).length;
      paddingPerValue += (bytes - 512 - size) / (8 * VALUES);
    }
    fillValues(user, paddingPerValue);
    assertThat(user.toString().getBytes(StandardCharsets.UTF_8).length)
        .isBetween(bytes - 8 * 1024, bytes);
    return user;
  }

  private static void fillValues(ObjectNode user, int padding) {
    String certificate = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
    String[] typed = {
      "emails", "phoneNumbers", "ims", "photos", "entitlements", "roles", "x509Certificates"
    };
    for (String attribute : typed) {
      ArrayNode values = user.putArray(attribute);
      for (int index = 0; index < VALUES; index++) {
        ObjectNode value = values.addObject();
        value.put(
            "value",
            switch (attribute) {
              case "emails" -> "v" + index + "@school.example";
              case "photos" -> "https://photos.school.example/" + index + ".jpg";
              case "x509Certificates" -> certificate;
              default -> attribute + "-" + index;
            });
        value.put("display", padding(padding));
      }
    }
    ArrayNode addresses = user.putArray("addresses");
    for (int index = 0; index < VALUES; index++) {
      addresses.addObject().put("type", "work").put("formatted", padding(padding));
    }
  }

  /** As many one-email values as fit in {@code bytes}: the most values a body can carry. */
  private static ArrayNode tinyEmails(int bytes) {
    ArrayNode emails = Json.MAPPER.createArrayNode();
    int count = (bytes - 1_024) / "{\"value\":\"e00000@s.example\"},".length();
    for (int index = 0; index < count; index++) {
      emails.addObject().put("value", "e" + index + "@s.example");
    }
    return emails;
  }

  private static String patch(String op, String path, JsonNode value) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add(PATCH_OP);
    ObjectNode operation = body.putArray("Operations").addObject().put("op", op);
    if (path != null) {
      operation.put("path", path);
    }
    if (value != null) {
      operation.set("value", value);
    }
    return body.toString();
  }

  private static ArrayNode members(List<String> ids) {
    ArrayNode members = Json.MAPPER.createArrayNode();
    ids.forEach(id -> members.addObject().put("value", id));
    return members;
  }

  private static ObjectNode group(String name, List<String> ids) {
    ObjectNode group = Json.object();
    group.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    group.put("displayName", name);
    group.set("members", members(ids));
    return group;
  }

  private static String bulk(List<ObjectNode> users) {
    ObjectNode request = Json.object();
    request.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:BulkRequest");
    ArrayNode operations = request.putArray("Operations");
    for (int index = 0; index < users.size(); index++) {
      operations
          .addObject()
          .put("method", "POST")
          .put("path", "/Users")
          .put("bulkId", "b" + index)
          .set("data", users.get(index));
    }
    return request.toString();
  }

  private static String tooManyEmails(int count) {
    return "emails has "
        + count
        + " values; this service accepts at most 100 values per multi-valued attribute.";
  }

  private static void assertScimError(HttpResult result, int status) {
    assertThat(result.status()).as(result.body()).isEqualTo(status);
    assertThat(result.json().path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(result.json().path("status").asText()).isEqualTo(Integer.toString(status));
  }

  // ---- Users

  @Test
  void usersAtTheValueLimitAndTheBodyLimitAreWrittenByPostPutAndPatch() {
    ObjectNode user = fullUser(BODY_LIMIT);

    HttpResult created = client.post("/Users", user.toString());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("addresses")).hasSize(VALUES);
    String id = created.json().get("id").asText();

    ObjectNode replacement = fullUser(BODY_LIMIT);
    replacement.put("userName", user.get("userName").asText());
    HttpResult replaced = client.put("/Users/" + id, replacement.toString());

    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("roles")).isEqualTo(replacement.get("roles"));

    ObjectNode values = fullUser(BODY_LIMIT - 1_024);
    values.remove(List.of("userName", "name", "userType"));
    HttpResult patched = client.patch("/Users/" + id, patch("replace", null, values));

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().get("emails")).isEqualTo(values.get("emails"));
    assertThat(client.get("/Users/" + id).json().get("photos")).isEqualTo(values.get("photos"));
  }

  @Test
  void aBodyFullOfValuesIsRefusedByPostPutAndPatch() {
    ArrayNode emails = tinyEmails(BODY_LIMIT);
    ObjectNode user = StaffBodies.body("worst", 1);
    user.set("emails", emails);
    String id =
        client.post("/Users", StaffBodies.body("worst", 2).toString()).json().get("id").asText();

    HttpResult post = client.post("/Users", user.toString());
    HttpResult put = client.put("/Users/" + id, user.toString());
    HttpResult patch = client.patch("/Users/" + id, patch("add", "emails", emails));

    for (HttpResult result : List.of(post, put, patch)) {
      assertScimError(result, 400);
      assertThat(result.json().get("scimType").asText()).isEqualTo("invalidValue");
    }
    assertThat(post.json().get("detail").asText()).isEqualTo(tooManyEmails(emails.size()));
    assertThat(patch.json().get("detail").asText()).isEqualTo(tooManyEmails(emails.size()));
  }

  @Test
  void eightConcurrentBodiesFullOfValuesAreAllRefused() throws Exception {
    ObjectNode user = StaffBodies.body("concurrent", 1);
    user.set("emails", tinyEmails(BODY_LIMIT));
    String body = user.toString();

    List<HttpResult> results;
    try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
      List<Future<HttpResult>> sent = new ArrayList<>();
      for (int index = 0; index < 8; index++) {
        sent.add(clients.submit(() -> client.post("/Users", body)));
      }
      results = new ArrayList<>();
      for (Future<HttpResult> result : sent) {
        results.add(result.get());
      }
    }

    assertThat(results)
        .allSatisfy(result -> assertThat(result.status()).as(result.body()).isEqualTo(400));
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() {
    ObjectNode user = fullUser(BODY_LIMIT);
    user.put("nickName", padding(16 * 1024));

    assertScimError(client.post("/Users", user.toString()), 413);
  }

  // ---- Groups

  @Test
  void groupsWithAsManyMembersAsFitInABodyAreWrittenByPostPutAndPatch() {
    List<String> first = staffIds.subList(0, MEMBERS / 2);
    List<String> all = staffIds;

    HttpResult created = client.post("/Groups", group("Everyone " + engine, all).toString());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("members")).hasSize(MEMBERS);
    String id = created.json().get("id").asText();

    HttpResult replaced = client.put("/Groups/" + id, group("Half " + engine, first).toString());

    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("members")).hasSize(first.size());

    HttpResult removed = client.patch("/Groups/" + id, patch("remove", "members", null));
    HttpResult added = client.patch("/Groups/" + id, patch("add", "members", members(all)));

    assertThat(removed.status()).as(removed.body()).isEqualTo(204);
    assertThat(added.status()).as(added.body()).isEqualTo(204);
    assertThat(client.get("/Groups/" + id).json().get("members")).hasSize(MEMBERS);
  }

  @Test
  void aBodyFullOfUnknownMembersIsRefusedNamingTen() {
    List<String> unknown = new ArrayList<>();
    for (int index = 0; index < MEMBERS; index++) {
      unknown.add(UUID.randomUUID().toString());
    }

    HttpResult result = client.post("/Groups", group("Nobody " + engine, unknown).toString());

    assertScimError(result, 400);
    assertThat(result.json().get("scimType").asText()).isEqualTo("invalidValue");
    assertThat(result.json().get("detail").asText())
        .endsWith(
            " and " + (MEMBERS - 10) + " more are not Users of this school; nothing was changed.");
  }

  // ---- Bulk

  @Test
  void bulkAtItsOperationAndPayloadLimitsRunsEveryOperation() {
    List<ObjectNode> users = new ArrayList<>();
    for (int index = 0; index < BulkSettings.DEFAULT_MAX_OPERATIONS; index++) {
      ObjectNode user = Json.object();
      user.put("userName", "bulk" + index + "." + engine + "@school.example");
      user.putObject("name").put("givenName", "Jane").put("familyName", "Doe");
      user.put("userType", "Staff");
      user.put("nickName", "");
      users.add(user);
    }
    int size = bulk(users).getBytes(StandardCharsets.UTF_8).length;
    int padding = (BULK_LIMIT - 1_024 - size) / users.size();
    users.forEach(user -> user.put("nickName", padding(padding)));
    String body = bulk(users);
    assertThat(body.getBytes(StandardCharsets.UTF_8).length)
        .isBetween(BULK_LIMIT - 4 * 1024, BULK_LIMIT);

    HttpResult result = client.post("/Bulk", body);

    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.json().get("Operations"))
        .hasSize(BulkSettings.DEFAULT_MAX_OPERATIONS)
        .allSatisfy(operation -> assertThat(operation.get("status").asText()).isEqualTo("201"));
  }

  @Test
  void bulkOfUsersAtTheValueLimitUpToItsPayloadLimitRunsEveryOperation() {
    List<ObjectNode> users = new ArrayList<>();
    for (int index = 0; index < 4; index++) {
      users.add(fullUser(BULK_LIMIT / 4 - 1_024));
    }

    HttpResult result = client.post("/Bulk", bulk(users));

    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.json().get("Operations"))
        .hasSize(4)
        .allSatisfy(operation -> assertThat(operation.get("status").asText()).isEqualTo("201"));
  }

  @Test
  void bulkFullOfValuesGetsTheOperationsErrorAndBulkOverItsLimits413() {
    ObjectNode user = StaffBodies.body("bulk-worst-" + engine, 1);
    ArrayNode emails = tinyEmails(BULK_LIMIT - 2_048);
    user.set("emails", emails);

    HttpResult full = client.post("/Bulk", bulk(List.of(user)));

    assertThat(full.status()).as(full.body()).isEqualTo(200);
    JsonNode operation = full.json().get("Operations").get(0);
    assertThat(operation.get("status").asText()).isEqualTo("400");
    assertThat(operation.get("response").get("detail").asText())
        .isEqualTo(tooManyEmails(emails.size()));

    List<ObjectNode> tooMany = new ArrayList<>();
    for (int index = 0; index <= BulkSettings.DEFAULT_MAX_OPERATIONS; index++) {
      tooMany.add(Json.object().put("userName", "u" + index + "@s.example"));
    }
    assertScimError(client.post("/Bulk", bulk(tooMany)), 413);

    ObjectNode large = fullUser(BULK_LIMIT + 4 * 1024);
    assertScimError(client.post("/Bulk", bulk(List.of(large))), 413);
  }
}
