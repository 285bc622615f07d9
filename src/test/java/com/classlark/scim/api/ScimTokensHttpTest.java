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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/schools/{school}/scim/…}: support issues, lists, revokes and regenerates a
 * school's SCIM tokens and disables SCIM; each token's effect is checked on the SCIM endpoints.
 */
class ScimTokensHttpTest extends ServerPerEngine {
  ScimClient support;
  Account school;
  String base;

  @BeforeEach
  void newSchool() {
    support = ApiClients.withNewKey(server, ApiKeyRole.SUPPORT);
    school = server.application().services().accounts().create("Token School");
    base = "/api/v1/schools/" + school.id() + "/scim";
  }

  private static Instant now() {
    return server.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static int scimStatus(String token) {
    return ScimClient.withToken(server.baseUrl(), token).get("/Users").status();
  }

  /** Lets every node's token cache expire, as a second of real time would. */
  private static void oneSecondLater() {
    server.clock().advance(Duration.ofSeconds(1));
  }

  private static ObjectNode token(
      String id, String prefix, String label, String status, Instant createdAt, Instant expiresAt) {
    ObjectNode node = Bodies.parse("{}");
    node.put("id", id);
    node.put("prefix", prefix);
    node.put("label", label);
    node.put("status", status);
    node.put("createdAt", createdAt.toString());
    node.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
    node.putNull("revokedAt");
    node.putNull("lastUsedAt");
    return node;
  }

  private String issue(String body) {
    HttpResult issued = support.post(base + "/tokens", body);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().path("token").asText();
  }

  @Test
  void issuedTokenIsShownOnceAndWorksOnScim() {
    Instant createdAt = now();

    HttpResult issued =
        support.post(base + "/tokens", Bodies.json("{'label':'Entra ID','expiresIn':86400}"));

    JsonNode body = issued.json();
    String secret = body.path("token").asText();
    String id = body.path("id").asText();
    assertThat(issued.status()).isEqualTo(201);
    assertThat(secret).matches("clsk_[A-Za-z0-9_-]{43}");
    assertThat(body)
        .isEqualTo(
            token(
                    id,
                    secret.substring(0, 11),
                    "Entra ID",
                    "active",
                    createdAt,
                    createdAt.plus(Duration.ofDays(1)))
                .put("token", secret));
    assertThat(issued.header("Location")).isEqualTo(base + "/tokens/" + id);
    assertThat(scimStatus(secret)).isEqualTo(200);

    HttpResult list = support.get(base + "/tokens");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(secret.substring(11));
    ObjectNode listed =
        token(
            id,
            secret.substring(0, 11),
            "Entra ID",
            "active",
            createdAt,
            createdAt.plus(Duration.ofDays(1)));
    listed.put("lastUsedAt", createdAt.toString());
    assertThat(list.json())
        .isEqualTo(Bodies.parse("{}").set("items", listed.arrayNode().add(listed)));
  }

  @Test
  void revokedTokenStopsWorkingAndAnotherSchoolsTokenIsNotFound() {
    String secret = issue("{}");
    String id = support.get(base + "/tokens").json().path("items").get(0).path("id").asText();

    HttpResult revoked = support.delete(base + "/tokens/" + id);

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(revoked.body()).isEmpty();
    oneSecondLater();
    assertThat(scimStatus(secret)).isEqualTo(401);
    assertThat(support.get(base + "/tokens").json().path("items").get(0).path("status").asText())
        .isEqualTo("revoked");

    String otherSchoolsToken =
        server.application().services().tokens().list(server.school().id()).get(0).id();
    assertProblem(
        support.delete(base + "/tokens/" + otherSchoolsToken),
        404,
        problem(
                "not-found",
                "Not found",
                404,
                "No SCIM token with id "
                    + otherSchoolsToken
                    + " in this school. Check the id; it may have been removed.")
            .put("tokenId", otherSchoolsToken));
  }

  @Test
  void regenerateWithoutGraceRetiresEveryOtherTokenAtOnce() {
    String first = issue("{}");
    String second = issue(Bodies.json("{'label':'spare'}"));
    Instant at = now();

    HttpResult regenerated = support.post(base + "/regenerate", Bodies.json("{'graceSeconds':0}"));

    assertThat(regenerated.status()).isEqualTo(201);
    JsonNode body = regenerated.json();
    String secret = body.path("token").asText();
    ObjectNode expected =
        token(body.path("id").asText(), secret.substring(0, 11), "regenerated", "active", at, null)
            .put("token", secret);
    var retiring = expected.putArray("retiring");
    for (JsonNode listed : support.get(base + "/tokens").json().path("items")) {
      if (!listed.path("id").equals(body.path("id"))) {
        retiring.addObject().put("id", listed.path("id").asText()).put("expiresAt", at.toString());
      }
    }
    assertThat(retiring).hasSize(2);
    assertThat(body).isEqualTo(expected);
    oneSecondLater();
    assertThat(scimStatus(first)).isEqualTo(401);
    assertThat(scimStatus(second)).isEqualTo(401);
    assertThat(scimStatus(secret)).isEqualTo(200);
  }

  @Test
  void regenerateWithGraceKeepsTheOldTokenWorkingUntilTheGraceEnds() {
    String old = issue("{}");
    Instant at = now();

    HttpResult regenerated =
        support.post(base + "/regenerate", Bodies.json("{'graceSeconds':3600}"));

    assertThat(regenerated.status()).isEqualTo(201);
    assertThat(regenerated.json().path("retiring").get(0).path("expiresAt").asText())
        .isEqualTo(at.plusSeconds(3600).toString());
    oneSecondLater();
    assertThat(scimStatus(old)).isEqualTo(200);
    server.clock().advance(Duration.ofSeconds(3600));
    assertThat(scimStatus(old)).isEqualTo(401);
    assertThat(scimStatus(regenerated.json().path("token").asText())).isEqualTo(200);
  }

  @Test
  void regenerateKeepsAnEarlierExpiryAndLeavesRevokedTokensAlone() {
    Instant at = now();
    issue(Bodies.json("{'expiresIn':60}"));
    String revokedId = issueAndRevoke();

    HttpResult regenerated =
        support.post(base + "/regenerate", Bodies.json("{'graceSeconds':3600}"));

    JsonNode retiring = regenerated.json().path("retiring");
    assertThat(retiring).hasSize(1);
    assertThat(retiring.get(0).path("id").asText()).isNotEqualTo(revokedId);
    assertThat(retiring.get(0).path("expiresAt").asText()).isEqualTo(at.plusSeconds(60).toString());
  }

  private String issueAndRevoke() {
    String id = support.post(base + "/tokens", "{}").json().path("id").asText();
    assertThat(support.delete(base + "/tokens/" + id).status()).isEqualTo(204);
    return id;
  }

  @Test
  void graceOutsideItsRangeOrOfTheWrongTypeIsAValidationProblem() {
    String rule = "must be a number of seconds from 0 (retire the old tokens at once) to 604800";
    assertProblem(
        support.post(base + "/regenerate", Bodies.json("{'graceSeconds':604801}")),
        400,
        validation("graceSeconds", "graceSeconds", rule));
    assertProblem(
        support.post(base + "/regenerate", Bodies.json("{'graceSeconds':-1}")),
        400,
        validation("graceSeconds", "graceSeconds", rule));
    assertProblem(
        support.post(base + "/regenerate", Bodies.json("{'graceSeconds':'1h','force':true}")),
        400,
        validation(
            "force, graceSeconds",
            "force",
            "is not a field of this request; the fields are graceSeconds",
            "graceSeconds",
            "must be a whole number"));
    assertProblem(
        support.post(base + "/tokens", Bodies.json("{'label':5,'expiresIn':0}")),
        400,
        validation("label", "label", "must be a string"));
    assertProblem(
        support.post(base + "/tokens", Bodies.json("{'expiresIn':0}")),
        400,
        validation(
            "expiresIn",
            "expiresIn",
            "must be a number of seconds from 1 to 315360000, or null for no expiry"));
  }

  @Test
  void disableRevokesEveryTokenAndTheSchoolShowsDisabled() {
    String first = issue("{}");
    String second = issue("{}");

    HttpResult disabled = support.post(base + "/disable", null);

    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json().path("scim"))
        .isEqualTo(
            Bodies.tree(
                Bodies.json(
                    "{'status':'disabled','activeTokens':0,'lastUsedAt':null,'defaultUserType':null}")));
    oneSecondLater();
    assertThat(scimStatus(first)).isEqualTo(401);
    assertThat(scimStatus(second)).isEqualTo(401);
  }

  @Test
  void onlySupportManagesTokensAndAnUnknownSchoolIsNotFound() {
    ScimClient app = ApiClients.withNewKey(server, ApiKeyRole.APP);
    JsonNode forbidden =
        problem(
            "forbidden",
            "Forbidden",
            403,
            "Only a caller with the support role may manage SCIM tokens.");
    assertProblem(app.get(base + "/tokens"), 403, forbidden);
    assertProblem(app.post(base + "/regenerate", "{}"), 403, forbidden);
    assertProblem(
        app.post(base + "/disable", null),
        403,
        problem(
            "forbidden",
            "Forbidden",
            403,
            "Only a caller with the support role may disable SCIM."));

    assertProblem(
        support.get("/api/v1/schools/nope/scim/tokens"),
        404,
        problem(
                "not-found",
                "Not found",
                404,
                "No school with id nope. Check the id; support can list every school.")
            .put("schoolId", "nope"));
  }
}
