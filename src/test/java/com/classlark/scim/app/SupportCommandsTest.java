package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Support's SCIM commands: {@code tokens regenerate}, {@code scim disable}, {@code accounts update
 * --default-user-type} and {@code staff release}, on both engines.
 */
class SupportCommandsTest extends MigratedDatabasePerEngine {
  private static String school() {
    return admin("accounts", "create", "--name", "Support School", "--json")
        .json()
        .path("id")
        .asText();
  }

  private static List<String> tokenIds(String account) {
    List<String> ids = new ArrayList<>();
    admin("tokens", "list", "--account", account, "--json")
        .json()
        .forEach(token -> ids.add(token.path("id").asText()));
    return ids;
  }

  @Test
  void regenerateIssuesANewTokenAndRetiresTheOthers() {
    String account = school();
    String old =
        admin("tokens", "issue", "--account", account, "--json").json().path("id").asText();

    Run regenerated =
        admin("tokens", "regenerate", "--account", account, "--grace", "1d", "--json");

    assertThat(regenerated.exitCode()).as(regenerated.err()).isZero();
    JsonNode body = regenerated.json();
    assertThat(body.properties())
        .extracting(entry -> entry.getKey())
        .containsExactly("id", "token", "retiring");
    assertThat(body.path("token").asText()).matches("clsk_[A-Za-z0-9_-]{43}");
    assertThat(body.path("retiring")).hasSize(1);
    assertThat(body.path("retiring").get(0).path("id").asText()).isEqualTo(old);
    assertThat(body.path("retiring").get(0).path("expiresAt").asText()).endsWith("Z");
    assertThat(tokenIds(account)).containsExactlyInAnyOrder(old, body.path("id").asText());

    Run leak = admin("tokens", "regenerate", "--account", account);
    assertThat(leak.exitCode()).isZero();
    assertThat(leak.out().strip()).matches("clsk_[A-Za-z0-9_-]{43}");
    assertThat(leak.err().lines().toList())
        .hasSize(3)
        .first()
        .asString()
        .matches("Token [0-9a-f-]{36} issued\\. Copy it now: it is never shown again\\.");
  }

  @Test
  void graceLongerThanAWeekIsRefusedNamingTheRule() {
    Run refused = admin("tokens", "regenerate", "--account", school(), "--grace", "8d");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo(
            "error: Fix the fields named in errors and send the request again: graceSeconds."
                + " (graceSeconds: must be a number of seconds from 0 (retire the old tokens at"
                + " once) to 604800)"
                + System.lineSeparator());
  }

  @Test
  void disableRevokesEveryTokenAndSaysSo() {
    String account = school();
    admin("tokens", "issue", "--account", account);
    admin("tokens", "issue", "--account", account);

    Run disabled = admin("scim", "disable", "--account", account);

    assertThat(disabled.exitCode()).isZero();
    assertThat(disabled.out())
        .isEqualTo(
            "SCIM disabled for "
                + account
                + ": 2 token(s) revoked. Records SCIM manages stay locked."
                + System.lineSeparator());
    Run again = admin("scim", "disable", "--account", account, "--json");
    assertThat(again.json().path("status").asText()).isEqualTo("disabled");
    assertThat(again.json().path("revoked")).isEmpty();

    Run unknown = admin("scim", "disable", "--account", "nope");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo(
            "error: No school with id nope. Check the id; support can list every school."
                + System.lineSeparator());
  }

  @Test
  void accountsUpdateSetsAndClearsTheDefaultUserType() {
    String account = school();

    Run set = admin("accounts", "update", account, "--default-user-type", "Event Manager");
    assertThat(set.exitCode()).isZero();
    assertThat(set.out())
        .isEqualTo(
            "School " + account + ": default user type Event Manager." + System.lineSeparator());
    assertThat(admin("accounts", "show", account, "--json").json().path("defaultUserType").asText())
        .isEqualTo("Event Manager");

    Run cleared = admin("accounts", "update", account, "--default-user-type", "none", "--json");
    assertThat(cleared.json().path("defaultUserType").isNull()).isTrue();

    Run wrong = admin("accounts", "update", account, "--default-user-type", "Teacher");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err())
        .startsWith("error: Fix the fields named in errors and send the request again:")
        .contains("must be exactly one of Staff, Event Manager, Finance Manager, Administrator");
  }

  /** A school with two SCIM-managed staff members in one SCIM-managed group: its ids. */
  private static String[] managedSchool() {
    try (Database db = Database.open(database.target())) {
      Services services = Services.over(db, Clock.systemUTC());
      String school = services.accounts().create("Release School").id();
      String first =
          services
              .staff()
              .create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("a"))))
              .resource()
              .id();
      services.staff().create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("b"))));
      String group =
          services
              .groups()
              .create(
                  school,
                  Json.parse(
                      Bodies.json("{'displayName':'All','members':[{'value':'" + first + "'}]}")
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              .id();
      return new String[] {school, first, group};
    }
  }

  @Test
  void releasesOneStaffMemberOneGroupOrTheWholeSchool() {
    String[] ids = managedSchool();
    String nl = System.lineSeparator();

    Run staff = admin("staff", "release", "--account", ids[0], "--staff", ids[1]);
    assertThat(staff.exitCode()).isZero();
    assertThat(staff.out())
        .isEqualTo(
            "Released staff member "
                + ids[1]
                + " from SCIM: editable in ClassLark until the identity provider writes it again."
                + nl);

    Run group = admin("staff", "release", "--account", ids[0], "--group", ids[2], "--json");
    assertThat(group.json())
        .isEqualTo(
            Bodies.tree(
                Bodies.json(
                    "{'accountId':'"
                        + ids[0]
                        + "','groupId':'"
                        + ids[2]
                        + "','version':'W/\\\"2\\\"'}")));

    Run all = admin("staff", "release", "--account", ids[0], "--all", "--json");
    assertThat(all.json())
        .isEqualTo(Bodies.tree(Bodies.json("{'accountId':'" + ids[0] + "','staff':1,'groups':0}")));
  }

  @Test
  void refusesAnUnknownRecordAndAMissingOrDoubleTarget() {
    String[] ids = managedSchool();

    Run unknown = admin("staff", "release", "--account", ids[0], "--staff", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo(
            "error: No staff member with id nobody in this school. Check the id; it may have been"
                + " removed."
                + System.lineSeparator());

    Run none = admin("staff", "release", "--account", ids[0]);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "error: Error: Missing required argument (specify one of these):"
                + " (--staff=STAFF_ID | --group=GROUP_ID | --all)");

    Run both = admin("staff", "release", "--account", ids[0], "--all", "--staff", ids[1]);
    assertThat(both.exitCode()).isEqualTo(2);

    Run noSchool = admin("staff", "release", "--account", "nope", "--all");
    assertThat(noSchool.exitCode()).isEqualTo(1);
    assertThat(noSchool.err())
        .isEqualTo(
            "error: No school with id nope. Check the id; support can list every school."
                + System.lineSeparator());
  }
}
