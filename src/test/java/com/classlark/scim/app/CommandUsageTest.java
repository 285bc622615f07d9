package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line as a newcomer meets it: every command answers {@code --help} and {@code help …}
 * with its own usage, {@code --version} names the commit, and exit codes are those of the README (2
 * for bad arguments, checked before any database is touched).
 */
class CommandUsageTest {
  private static final String NL = System.lineSeparator();

  static Stream<List<String>> commands() {
    return CommandTree.paths().stream();
  }

  @Test
  void theTableOfCommandsHasEveryCommandOfTheReadme() {
    assertThat(commands().map(path -> String.join(" ", path)))
        .contains(
            "",
            "serve",
            "migrate",
            "accounts",
            "accounts create",
            "accounts list",
            "accounts show",
            "tokens",
            "tokens issue",
            "tokens list",
            "tokens revoke",
            "tokens regenerate",
            "apikeys issue",
            "apikeys list",
            "apikeys revoke",
            "scim disable",
            "staff release",
            "accounts update",
            "console-users",
            "console-users add",
            "console-users list",
            "console-users disable",
            "console-users new-link",
            "help");
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("commands")
  void everyCommandAnswersHelpWithItsOwnUsage(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");

    Run help = run(args.toArray(String[]::new));

    assertThat(help.exitCode()).isZero();
    assertThat(help.err()).isEmpty();
    assertThat(help.out())
        .startsWith(("Usage: classlark-scim " + String.join(" ", path)).strip() + " ")
        .contains(NL + CommandTree.command(path).getCommandSpec().usageMessage().description()[0]);
  }

  @ParameterizedTest(name = "help {0}")
  @MethodSource("commands")
  void helpPrintsTheSameUsageAsHelpOption(List<String> path) {
    List<String> helpArgs = new ArrayList<>(List.of("help"));
    helpArgs.addAll(path);
    List<String> optionArgs = new ArrayList<>(path);
    optionArgs.add("--help");

    Run help = run(helpArgs.toArray(String[]::new));

    assertThat(help.exitCode()).isZero();
    assertThat(help.err()).isEmpty();
    assertThat(help.out()).isEqualTo(run(optionArgs.toArray(String[]::new)).out());
  }

  @Test
  void versionNamesTheVersionAndTheCommitOfTheBuild() {
    Run version = run("--version");
    Run serveVersion = run("serve", "--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out())
        .matches(
            "classlark-scim \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}( with local"
                + " changes)?\\)\\R");
    assertThat(serveVersion.out()).isEqualTo(version.out());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("builds")
  void versionTextSaysWhatTheBuildKnew(String commit, String expected) {
    Properties build = new Properties();
    build.setProperty("version", "1.2.0");
    if (commit != null) {
      build.setProperty("commit", commit);
    }

    assertThat(VersionInfo.text(build)).isEqualTo(expected);
  }

  static Stream<Arguments> builds() {
    return Stream.of(
        Arguments.of("865a763", "classlark-scim 1.2.0 (commit 865a763)"),
        Arguments.of("865a763-dirty", "classlark-scim 1.2.0 (commit 865a763 with local changes)"),
        Arguments.of("${build.commit}", "classlark-scim 1.2.0 (unknown commit)"),
        Arguments.of("", "classlark-scim 1.2.0 (unknown commit)"),
        Arguments.of(null, "classlark-scim 1.2.0 (unknown commit)"));
  }

  /** {@code DB} in the arguments stands for a SQLite path that must never be created. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badArguments")
  void badArgumentsExit2WithOneLineAndAPointerToTheUsage(
      List<String> args, String message, String usageOf) throws IOException {
    Path directory = Files.createTempDirectory("classlark-bad-arguments-");
    Path db = directory.resolve("never-created.db");

    Run run =
        run(
            args.stream()
                .map(arg -> arg.equals("DB") ? db.toString() : arg)
                .toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList()).first().isEqualTo("error: " + message);
    assertThat(run.err()).endsWith("Run '" + usageOf + " --help' for its usage." + NL);
    assertThat(db).doesNotExist();
    Files.delete(directory);
  }

  static Stream<Arguments> badArguments() {
    return Stream.of(
        Arguments.of(
            List.of("accounts", "create", "--name", ""),
            "account name must be 1 to 200 characters",
            "classlark-scim accounts create"),
        Arguments.of(
            List.of("accounts", "create", "--name", "   ", "--db", "DB"),
            "account name must be 1 to 200 characters",
            "classlark-scim accounts create"),
        Arguments.of(
            List.of("serve", "--port", "99999"),
            "port must be between 0 and 65535, got 99999",
            "classlark-scim serve"),
        Arguments.of(
            List.of("serve", "--port", "eighty"),
            "Invalid value for option '--port': 'eighty' is not an int",
            "classlark-scim serve"),
        Arguments.of(
            List.of("serve", "--max-attribute-values", "0"),
            "the most values per multi-valued attribute must be at least 1, got 0",
            "classlark-scim serve"),
        Arguments.of(
            List.of("serve", "--base-url", "scim.example.org"),
            "base URL must start with http:// or https://, got scim.example.org",
            "classlark-scim serve"),
        Arguments.of(
            List.of("tokens", "issue", "--account", "a", "--expires-in", "forever"),
            "Invalid value for option '--expires-in': 'forever' is not a duration: use e.g. 90d,"
                + " 12h, 30m, 45s or P30D",
            "classlark-scim tokens issue"),
        Arguments.of(
            List.of("accounts", "list", "--db", "jdbc:mysql://root:hunter2@localhost/x"),
            "--db jdbc:mysql://root:***@localhost/x is not supported: use a file path (SQLite) or"
                + " a jdbc:postgresql: URL",
            "classlark-scim accounts list"),
        Arguments.of(
            List.of("tokens"),
            "Missing command: choose one of issue, list, revoke, regenerate",
            "classlark-scim tokens"),
        Arguments.of(
            List.of("accounts", "rename"),
            "Unmatched argument at index 1: 'rename'",
            "classlark-scim accounts"),
        Arguments.of(
            List.of("help", "tokens", "issue", "now"),
            "Unknown command 'tokens issue now': classlark-scim tokens issue has no subcommands",
            "classlark-scim help"),
        Arguments.of(
            List.of("migrate", "--verbose", "--db", "DB"),
            "Unknown option: '--verbose'",
            "classlark-scim migrate"));
  }
}
