package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code apikeys issue|list|revoke}, run in-process as support would, on both engines. */
class ApiKeysCommandTest extends MigratedDatabasePerEngine {
  @Test
  void issuePrintsTheKeyOnceAndJsonHasIdKeyAndRole() {
    Run plain = admin("apikeys", "issue", "--role", "app", "--label", "web app");
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out().strip()).matches("clak_[A-Za-z0-9_-]{43}");
    assertThat(plain.err())
        .matches(
            "API key [0-9a-f-]{36} \\(role app\\) issued\\. Copy it now: it is never shown"
                + " again\\.\\R");

    Run json = admin("apikeys", "issue", "--role", "support", "--json");
    assertThat(json.exitCode()).isZero();
    JsonNode issued = json.json();
    assertThat(issued.properties())
        .extracting(entry -> entry.getKey())
        .containsExactly("id", "key", "role");
    assertThat(issued.path("key").asText()).startsWith("clak_");
    assertThat(issued.path("role").asText()).isEqualTo("support");
  }

  @Test
  void listShowsKeysWithoutSecretsAndRevokeMarksThem() {
    JsonNode issued =
        admin("apikeys", "issue", "--role", "app", "--label", "to revoke", "--json").json();
    String id = issued.path("id").asText();
    String secret = issued.path("key").asText();

    Run revoked = admin("apikeys", "revoke", id);
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.out())
        .matches(
            "API key "
                + id
                + " \\("
                + secret.substring(0, 11)
                + "…\\) revoked at \\d{4}-.*Z\\.\\R");

    Run list = admin("apikeys", "list", "--json");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).doesNotContain(secret.substring(11));
    JsonNode listed = null;
    for (JsonNode key : list.json()) {
      if (key.path("id").asText().equals(id)) {
        listed = key;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("prefix").asText()).isEqualTo(secret.substring(0, 11));
    assertThat(listed.path("role").asText()).isEqualTo("app");
    assertThat(listed.path("label").asText()).isEqualTo("to revoke");
    assertThat(listed.path("revoked").asBoolean()).isTrue();
    assertThat(listed.path("revokedAt").asText()).endsWith("Z");

    Run table = admin("apikeys", "list");
    assertThat(table.out().lines().findFirst().orElseThrow())
        .isEqualTo(
            String.format(
                "%-36s  %-11s  %-7s  %-24s  %-7s  %s",
                "ID", "PREFIX", "ROLE", "CREATED", "REVOKED", "LABEL"));
    assertThat(table.out()).contains(id).doesNotContain(secret.substring(11));
  }

  @Test
  void badRoleIsABadArgumentAndUnknownIdARuntimeFailure() {
    Run badRole = admin("apikeys", "issue", "--role", "admin");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.err().lines().findFirst().orElseThrow())
        .isEqualTo("error: --role must be app or support, not 'admin'");

    Run unknown = admin("apikeys", "revoke", "no-such-key");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo(
            "error: No API key with id no-such-key. List the keys to find its id."
                + System.lineSeparator());

    Run longLabel = admin("apikeys", "issue", "--role", "app", "--label", "x".repeat(201));
    assertThat(longLabel.exitCode()).isEqualTo(2);
    assertThat(longLabel.err().lines().findFirst().orElseThrow())
        .isEqualTo("error: --label must be at most 200 characters");
  }
}
