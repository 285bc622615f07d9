package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service's log, as an operator collects it, after a whole provisioning sequence at DEBUG:
 * users and groups created, patched, deactivated and deleted, errors, refused tokens and a Bulk
 * request, through the real jar on both engines and in both formats. No line may carry a token, a
 * password or an email address the sequence used; every JSON line is a JSON object with the fields
 * a log collector indexes.
 */
class LogsIT {
  private static final Path JAR = Path.of("target", "classlark-scim.jar");
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** Everything the sequence sent that must never reach the log. */
  private final List<String> secrets = new ArrayList<>();

  private final List<String> emails = new ArrayList<>();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"SQLITE, json", "SQLITE, text", "POSTGRES, json", "POSTGRES, text"})
  void aProvisioningSequenceLogsNoSecretAndNoEmail(Engine engine, String format) throws Exception {
    try (TestDatabase database = TestDatabase.create(engine)) {
      Tokens tokens = issueTokens(database);
      Path log = Files.createTempFile("classlark-log-", "." + format);
      Process process = start(database, format, log);
      try {
        String base = awaitBaseUrl(process);
        String correlation = UUID.randomUUID().toString();
        provision(ScimClient.withToken(base, tokens.valid()), correlation);
        refusedTokens(base, tokens);
      } finally {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the service stops").isTrue();
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      Files.delete(log);

      assertThat(lines).as("the log: a line per request at least").hasSizeGreaterThanOrEqualTo(16);
      for (String line : lines) {
        for (String secret : secrets) {
          assertThat(line).as("a log line").doesNotContain(secret);
        }
        for (String email : emails) {
          assertThat(line).as("a log line").doesNotContain(email);
        }
        assertThat(line).doesNotContainIgnoringCase("password");
      }
      if (format.equals("json")) {
        assertJsonLines(lines, tokens);
      } else {
        assertTextLines(lines, tokens);
      }
    }
  }

  /** A valid token, a revoked one and an expired one of one school, and their ids. */
  private record Tokens(IssuedToken validToken, IssuedToken revoked, IssuedToken expired) {
    String valid() {
      return validToken.secret();
    }
  }

  private Tokens issueTokens(TestDatabase database) {
    try (Database db = Database.open(database.target())) {
      db.migrate();
      Services services = Services.over(db, Clock.systemUTC());
      Account school = services.accounts().create("Logged School");
      IssuedToken valid = services.tokens().issue(school.id(), "idp", null);
      IssuedToken revoked = services.tokens().issue(school.id(), "old", null);
      services.tokens().revoke(revoked.token().id());
      Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
      IssuedToken expired =
          Services.over(db, yesterday)
              .tokens()
              .issue(school.id(), "short-lived", Duration.ofHours(1));
      secrets.addAll(List.of(valid.secret(), revoked.secret(), expired.secret()));
      return new Tokens(valid, revoked, expired);
    }
  }

  private static Process start(TestDatabase database, String format, Path log) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString(),
                "serve",
                "--db",
                database.spec(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--log-format",
                format)
            .redirectError(log.toFile());
    builder.environment().put("CLASSLARK_LOG_LEVEL", "DEBUG");
    builder.environment().remove("CLASSLARK_LOG_FORMAT");
    return builder.start();
  }

  private static String awaitBaseUrl(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("SCIM base URL: ")) {
        return line.substring("SCIM base URL: ".length()).replace("localhost", "127.0.0.1");
      }
    }
    throw new AssertionError("the service exited before printing its base URL");
  }

  private String email(String name) {
    String email = Bodies.uniqueEmail(name);
    emails.add(email);
    return email;
  }

  private String password() {
    String password = "Pw-" + UUID.randomUUID();
    secrets.add(password);
    return password;
  }

  private String user(String userName, String workEmail) {
    return Bodies.json(
        "{'schemas':['"
            + USER
            + "'],'userName':'"
            + userName
            + "','password':'"
            + password()
            + "','name':{'givenName':'Ada','familyName':'Logged'},'userType':'Staff',"
            + "'emails':[{'value':'"
            + workEmail
            + "','type':'work','primary':true}]}");
  }

  private void provision(ScimClient client, String correlation) {
    String ada = email("ada");
    HttpResult created =
        client.send(
            "POST",
            "/Users",
            user(ada, email("ada.work")),
            Map.of("client-request-id", correlation));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("client-request-id")).isEqualTo(correlation);
    String adaId = created.json().path("id").asText();
    assertThat(client.get("/Users/" + adaId).status()).isEqualTo(200);
    assertThat(client.get("/Users?filter=userName%20eq%20%22" + ada + "%22").status())
        .isEqualTo(200);
    assertThat(
            patch(
                    client,
                    adaId,
                    "{'op':'Replace','path':'emails[type eq \\\"work\\\"].value','value':'"
                        + email("ada.new")
                        + "'},{'op':'replace','path':'password','value':'"
                        + password()
                        + "'}")
                .status())
        .isEqualTo(200);
    assertThat(client.put("/Users/" + adaId, user(ada, email("ada.put"))).status()).isEqualTo(200);

    HttpResult group =
        client.post(
            "/Groups",
            Bodies.json(
                "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'Logged"
                    + " Staff','members':[{'value':'"
                    + adaId
                    + "'}]}"));
    assertThat(group.status()).isEqualTo(201);
    String groupId = group.json().path("id").asText();

    String bob = email("bob");
    HttpResult bulk =
        client.post(
            "/Bulk",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"bob\",\"data\":"
                + user(bob, email("bob.work"))
                + "},{\"method\":\"PATCH\",\"path\":\"/Groups/"
                + groupId
                + "\",\"data\":{\"schemas\":[\""
                + PATCH
                + "\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"bulkId:bob\"}]}]}},"
                + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"dup\",\"data\":"
                + user(ada, email("dup.work"))
                + "}]}");
    assertThat(bulk.status()).isEqualTo(200);
    assertThat(bulk.body()).contains("\"status\":\"201\"").contains("\"status\":\"409\"");

    assertThat(client.post("/Users", user(ada, email("ada.again"))).status()).isEqualTo(409);
    assertThat(
            client
                .post(
                    "/Users",
                    Bodies.json(
                        "{'schemas':['"
                            + USER
                            + "'],'userName':'"
                            + email("no.name")
                            + "','password':'"
                            + password()
                            + "','userType':'Staff'}"))
                .status())
        .isEqualTo(400);
    assertThat(client.get("/Users/" + email("not.an.id")).status()).isEqualTo(404);
    assertThat(patch(client, adaId, "{'op':'replace','value':{'active':false}}").status())
        .isEqualTo(200);
    assertThat(client.delete("/Users/" + adaId).status()).isEqualTo(204);
    assertThat(client.delete("/Groups/" + groupId).status()).isEqualTo(204);
  }

  /** PATCH of a user with the given operations, written with single quotes. */
  private static HttpResult patch(ScimClient client, String id, String operations) {
    return client.patch(
        "/Users/" + id,
        Bodies.json("{'schemas':['" + PATCH + "'],'Operations':[" + operations + "]}"));
  }

  private void refusedTokens(String base, Tokens tokens) {
    String unknown = "clsk_" + UUID.randomUUID();
    secrets.add(unknown);
    for (String token : List.of(unknown, tokens.revoked().secret(), tokens.expired().secret())) {
      assertThat(ScimClient.withToken(base, token).get("/Users").status()).isEqualTo(401);
    }
  }

  private static void assertJsonLines(List<String> lines, Tokens tokens) throws IOException {
    List<JsonNode> requests = new ArrayList<>();
    for (String line : lines) {
      JsonNode event = Json.MAPPER.readTree(line);
      assertThat(event.isObject()).as(line).isTrue();
      for (String field : List.of("timestamp", "level", "logger", "message")) {
        assertThat(event.path(field).isTextual()).as("%s in %s", field, line).isTrue();
      }
      if (event.path("logger").asText().equals("com.classlark.scim.requests")) {
        requests.add(event);
        for (String field : List.of("method", "route", "correlation_id")) {
          assertThat(event.path(field).isTextual()).as("%s in %s", field, line).isTrue();
        }
        assertThat(event.path("status").isInt()).as("status in %s", line).isTrue();
        assertThat(event.path("duration_ms").isNumber()).as("duration in %s", line).isTrue();
      }
    }
    String school = tokens.validToken().token().accountId();
    assertThat(requests)
        .anySatisfy(
            event -> {
              assertThat(event.path("method").asText()).isEqualTo("GET");
              assertThat(event.path("route").asText()).isEqualTo("/scim/v2/Users/{id}");
              assertThat(event.path("status").asInt()).isEqualTo(200);
              assertThat(event.path("school").asText()).isEqualTo(school);
              assertThat(event.path("token_id").asText())
                  .isEqualTo(tokens.validToken().token().id());
            });
    for (IssuedToken refused : List.of(tokens.revoked(), tokens.expired())) {
      assertThat(requests)
          .anySatisfy(
              event -> {
                assertThat(event.path("status").asInt()).isEqualTo(401);
                assertThat(event.path("token_id").asText()).isEqualTo(refused.token().id());
                assertThat(event.has("school")).isFalse();
              });
    }
    assertThat(requests)
        .anySatisfy(
            event -> {
              assertThat(event.path("status").asInt()).isEqualTo(401);
              assertThat(event.has("token_id")).as("an unknown token has no id").isFalse();
            });
    assertThat(requests)
        .filteredOn(event -> event.path("method").asText().equals("POST"))
        .anySatisfy(event -> assertThat(event.path("route").asText()).isEqualTo("/scim/v2/Bulk"));
  }

  private static void assertTextLines(List<String> lines, Tokens tokens) {
    String school = tokens.validToken().token().accountId();
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(" INFO  c.c.scim.requests - GET /scim/v2/Users/{id} 200 ")
                    .containsPattern("/Users/\\{id\\} 200 \\d+\\.\\dms school=")
                    .contains(
                        "school=" + school + " token=" + tokens.validToken().token().id() + " "));
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("GET /scim/v2/Users 401 ")
                    .contains("school=- token=" + tokens.revoked().token().id() + " "));
  }
}
