package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code console-users add|list|disable|new-link}, run as support would, on both engines. */
class ConsoleUsersCommandTest extends MigratedDatabasePerEngine {
  private static final String NL = System.lineSeparator();
  private static final String LINK =
      "https://scim\\.example\\.org/console/set-password/[A-Za-z0-9_-]{43}";

  /** The command on the test database; {@code add} and {@code new-link} with a base URL. */
  static Run admin(String... args) {
    boolean linked = args[1].equals("add") || args[1].equals("new-link");
    return MigratedDatabasePerEngine.admin(
        linked
            ? Stream.concat(Stream.of(args), Stream.of("--base-url", "https://scim.example.org"))
                .toArray(String[]::new)
            : args);
  }

  private static String email(String who) {
    return who + "-" + UUID.randomUUID() + "@classlark.example";
  }

  private static String school() {
    Run created =
        run("accounts", "create", "--name", "Console School", "--json", "--db", database.spec());
    return created.json().path("id").asText();
  }

  @Test
  void addPrintsOnlyTheOneTimeLinkOnStdoutAndWhatToDoOnStderr() {
    String email = email("support");

    Run added = admin("console-users", "add", "--email", email, "--role", "support");

    assertThat(added.exitCode()).isZero();
    assertThat(added.out()).matches(LINK + NL);
    assertThat(added.err())
        .matches(
            "Send this link to "
                + email.replace(".", "\\.")
                + ": it sets their console password, works once and expires at \\S+Z\\. Then"
                + " they sign in at https://scim\\.example\\.org/console/sign-in\\."
                + NL);
  }

  @Test
  void addWithJsonNamesTheUserTheLinkAndItsExpiry() {
    String school = school();
    String email = email("admin");

    Run added =
        admin(
            "console-users",
            "add",
            "--email",
            email,
            "--role",
            "school-admin",
            "--account",
            school,
            "--json");

    assertThat(added.exitCode()).isZero();
    JsonNode json = added.json();
    assertThat(json.path("email").asText()).isEqualTo(email);
    assertThat(json.path("role").asText()).isEqualTo("school-admin");
    assertThat(json.path("accountId").asText()).isEqualTo(school);
    assertThat(json.path("passwordSetAt").isNull()).isTrue();
    assertThat(json.path("disabledAt").isNull()).isTrue();
    assertThat(json.path("setPasswordLink").asText()).matches(LINK);
    assertThat(json.path("linkExpiresAt").asText()).endsWith("Z");
    assertThat(json.path("id").asText()).matches("[0-9a-f-]{36}");
  }

  @Test
  void listShowsEveryUserAndNeverALinkOrPassword() {
    String email = email("listed");
    Run added = admin("console-users", "add", "--email", email, "--role", "support");
    String link = added.out().strip();

    Run json = admin("console-users", "list", "--json");
    Run text = admin("console-users", "list");

    assertThat(json.exitCode()).isZero();
    assertThat(json.json().findValuesAsText("email")).contains(email);
    assertThat(json.out()).doesNotContain(link.substring(link.lastIndexOf('/') + 1));
    assertThat(text.out())
        .startsWith("ID ")
        .contains("support")
        .contains("invited")
        .contains(email);
  }

  @Test
  void disableAndNewLink() {
    String email = email("leaver");
    admin("console-users", "add", "--email", email, "--role", "support");

    Run fresh = admin("console-users", "new-link", "--email", email);
    assertThat(fresh.exitCode()).isZero();
    assertThat(fresh.out()).matches(LINK + NL);

    Run disabled = admin("console-users", "disable", "--email", email, "--json");
    assertThat(disabled.exitCode()).isZero();
    assertThat(disabled.json().path("disabledAt").asText()).endsWith("Z");

    Run refused = admin("console-users", "new-link", "--email", email);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("error: console user " + email + " is disabled" + NL);
  }

  @Test
  void badArgumentsExitWith2AndRuntimeFailuresWith1() {
    Run noRole = admin("console-users", "add", "--email", email("x"));
    assertThat(noRole.exitCode()).isEqualTo(2);
    assertThat(noRole.err()).startsWith("error: Missing required option: '--role=ROLE'");

    Run badRole = admin("console-users", "add", "--email", email("x"), "--role", "teacher");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.err())
        .startsWith("error: role must be support or school-admin, got 'teacher'" + NL);

    Run adminWithoutSchool =
        admin("console-users", "add", "--email", email("x"), "--role", "school-admin");
    assertThat(adminWithoutSchool.exitCode()).isEqualTo(2);
    assertThat(adminWithoutSchool.err())
        .startsWith("error: a school admin needs --account, the id of their school" + NL);

    Run badEmail = admin("console-users", "add", "--email", "nobody", "--role", "support");
    assertThat(badEmail.exitCode()).isEqualTo(2);
    assertThat(badEmail.err())
        .startsWith("error: email must be an email address, e.g. jane.doe@school.example" + NL);

    Run unknownSchool =
        admin(
            "console-users",
            "add",
            "--email",
            email("x"),
            "--role",
            "school-admin",
            "--account",
            "no-such-school");
    assertThat(unknownSchool.exitCode()).isEqualTo(1);
    assertThat(unknownSchool.err()).isEqualTo("error: no account with id no-such-school" + NL);

    String taken = email("taken");
    admin("console-users", "add", "--email", taken, "--role", "support");
    Run duplicate = admin("console-users", "add", "--email", taken, "--role", "support");
    assertThat(duplicate.exitCode()).isEqualTo(1);
    assertThat(duplicate.err())
        .isEqualTo("error: a console user with email " + taken + " already exists" + NL);

    Run unknownUser = admin("console-users", "disable", "--email", "ghost@classlark.example");
    assertThat(unknownUser.exitCode()).isEqualTo(1);
    assertThat(unknownUser.err())
        .isEqualTo("error: no console user with email ghost@classlark.example" + NL);
  }
}
