package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The admin commands, run in-process as an operator would run them, on both engines. */
class CommandLineTest extends MigratedDatabasePerEngine {
  record Run(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out + " / " + err, e);
      }
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /**
   * Runs {@code serve --host 127.0.0.1 --port <free port>} with {@code args}, a serve that must
   * refuse to start, and returns its run once it exited. A serve that wrongly starts never returns:
   * the wait ends, and the test fails, as soon as it answers {@code /readyz} with 200 (it may open
   * its port while it starts, so listening alone proves nothing).
   */
  static Run serveThatMustRefuse(String... args) {
    try {
      return serveThatMustRefuse(ServiceProcess.freePort(), args);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #serveThatMustRefuse(String...)} on the given port. */
  static Run serveThatMustRefuse(int port, String... args) {
    List<String> all =
        new ArrayList<>(List.of("serve", "--host", "127.0.0.1", "--port", Integer.toString(port)));
    all.addAll(List.of(args));
    CompletableFuture<Run> serve = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("serve-that-must-refuse")
        .start(
            () -> {
              try {
                serve.complete(run(all.toArray(String[]::new)));
              } catch (Throwable t) {
                serve.completeExceptionally(t);
              }
            });
    try (HttpClient client = HttpClient.newHttpClient()) {
      Conditions.await(
          "serve to exit, or to answer /readyz",
          Duration.ofSeconds(60),
          () -> serve.isDone() || ready(client, port));
    }
    assertThat(serve).as("serve started on port %d instead of refusing to", port).isDone();
    return serve.join();
  }

  /**
   * Whether a server answers {@code /readyz} with 200 on the port; false while nothing listens, or
   * when the connection closes unanswered (a serve that gives up closes its port).
   */
  private static boolean ready(HttpClient client, int port) {
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notAnswered) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String createAccount(String name) {
    Run created = admin("accounts", "create", "--name", name, "--json");
    assertThat(created.exitCode()).isZero();
    return created.json().path("id").asText();
  }

  @Test
  void accountsCreatePrintsIdAndJson() {
    Run plain = admin("accounts", "create", "--name", "Hillside Primary");
    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out().strip()).matches("[0-9a-f-]{36}");

    Run json = admin("accounts", "create", "--name", "Oakwood Academy", "--json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.json().path("name").asText()).isEqualTo("Oakwood Academy");
    assertThat(json.json().path("id").asText()).matches("[0-9a-f-]{36}");
    assertThat(json.json().size()).isEqualTo(2);
  }

  @Test
  void accountsListAndShow() {
    String id = createAccount("Riverside High");

    Run list = admin("accounts", "list", "--json");
    assertThat(list.exitCode()).isZero();
    assertThat(list.json().findValuesAsText("id")).contains(id);

    Run show = admin("accounts", "show", id, "--json");
    assertThat(show.exitCode()).isZero();
    assertThat(show.json().path("name").asText()).isEqualTo("Riverside High");
    assertThat(show.json().path("tokens").asInt()).isZero();

    Run missing = admin("accounts", "show", "00000000-0000-0000-0000-000000000000");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .contains("error: no account with id 00000000-0000-0000-0000-000000000000");
  }

  @Test
  void tokensIssueListRevokeNeverListSecrets() {
    String account = createAccount("Token School");

    Run issued =
        admin(
            "tokens",
            "issue",
            "--account",
            account,
            "--label",
            "Entra ID",
            "--expires-in",
            "90d",
            "--json");
    assertThat(issued.exitCode()).isZero();
    String secret = issued.json().path("token").asText();
    String tokenId = issued.json().path("id").asText();
    assertThat(secret).startsWith("clsk_");
    assertThat(issued.json().path("prefix").asText()).isEqualTo(secret.substring(0, 11));
    assertThat(issued.json().path("expiresAt").asText()).endsWith("Z");

    Run list = admin("tokens", "list", "--account", account, "--json");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).doesNotContain(secret).doesNotContain(secret.substring(11));
    JsonNode listed = list.json().get(0);
    assertThat(listed.path("id").asText()).isEqualTo(tokenId);
    assertThat(listed.path("label").asText()).isEqualTo("Entra ID");
    assertThat(listed.path("revoked").asBoolean()).isFalse();

    Run human = admin("tokens", "list", "--account", account);
    assertThat(human.out()).contains(tokenId).contains("Entra ID").doesNotContain(secret);

    Run revoked = admin("tokens", "revoke", tokenId, "--json");
    assertThat(revoked.exitCode()).isZero();
    assertThat(revoked.json().path("revoked").asBoolean()).isTrue();
    assertThat(
            admin("tokens", "list", "--account", account, "--json")
                .json()
                .get(0)
                .path("revoked")
                .asBoolean())
        .isTrue();
  }

  @Test
  void plainIssuePrintsOnlyTheTokenOnStdout() {
    String account = createAccount("Plain School");
    Run issued = admin("tokens", "issue", "--account", account);
    assertThat(issued.exitCode()).isZero();
    assertThat(issued.out().strip()).matches("clsk_[A-Za-z0-9_-]{43}");
    assertThat(issued.err()).contains("never shown again");
  }

  @Test
  void badArgumentsExitNonZeroWithAMessage() {
    Run missingName = admin("accounts", "create");
    assertThat(missingName.exitCode()).isEqualTo(2);
    assertThat(missingName.err()).contains("Missing required option: '--name=NAME'");

    Run badDuration = admin("tokens", "issue", "--account", "x", "--expires-in", "forever");
    assertThat(badDuration.exitCode()).isEqualTo(2);
    assertThat(badDuration.err())
        .contains("'forever' is not a duration: use e.g. 90d, 12h, 30m, 45s or P30D");

    Run unknownAccount = admin("tokens", "issue", "--account", "no-such-account");
    assertThat(unknownAccount.exitCode()).isEqualTo(1);
    assertThat(unknownAccount.err()).contains("error: no account with id no-such-account");

    Run noCommand = run();
    assertThat(noCommand.exitCode()).isEqualTo(2);
    assertThat(noCommand.err()).contains("Missing command");
  }

  @Test
  void unreachableDatabaseFailsFastNamingIt() {
    Run run =
        run("accounts", "list", "--db", "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "error: cannot open database jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres");

    Run unsupported = run("accounts", "list", "--db", "jdbc:mysql://localhost/x");
    assertThat(unsupported.exitCode()).isEqualTo(2);
    assertThat(unsupported.err()).contains("--db jdbc:mysql://localhost/x is not supported");
  }

  /**
   * The port opens before the database: a database that cannot be opened still ends {@code serve}
   * with status 1 and one line, and the port is closed again.
   */
  @Test
  void serveOnAnUnreachableDatabaseSaysSoInOneLineAndClosesThePort() throws Exception {
    int port = ServiceProcess.freePort();
    String db = "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres";

    Run run = serveThatMustRefuse(port, "--db", db);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("error: cannot open database " + db + ": Connection to 127.0.0.1:1 refused.");
    try (ServerSocket again =
        new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void portInUseSaysSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Run run =
          run(
              "serve",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--db",
              database.spec(),
              "--migrate");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains(
              "error: port "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is already in use; choose another with --port or CLASSLARK_PORT");
    }
  }

  @Test
  void aBulkPayloadLimitOverTheBodyLimitIsRefusedWithBothValues() {
    Run run = run("serve", "--max-body-bytes", "4096", "--db", database.spec());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: bulk max payload size (1048576 bytes, --bulk-max-payload-bytes) must not exceed the max"
                + " body size (4096 bytes, --max-body-bytes)"
                + System.lineSeparator()
                + "Run 'classlark-scim serve --help' for its usage."
                + System.lineSeparator());
  }
}
