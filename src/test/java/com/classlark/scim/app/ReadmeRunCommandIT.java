package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, exactly as a newcomer types it: {@code ./classlark-scim serve --demo}.
 * It must print a base URL, a token and a curl line that works, and print the same token when
 * started again.
 */
class ReadmeRunCommandIT {
  private static final Pattern TOKEN = Pattern.compile("^Token:\\s+(clsk_\\S+)$");
  private static final Pattern CURL =
      Pattern.compile(
          "^\\s*curl -H 'Authorization: Bearer (clsk_\\S+)' (http://\\S+)/ServiceProviderConfig$");

  /** What one start printed up to "Press Ctrl+C", and the process, still running. */
  private record Start(
      Process process, List<String> lines, String token, String curlToken, String curlBase) {}

  private static Start start(Path db, int port) throws Exception {
    Process process =
        new ProcessBuilder(
                "./classlark-scim",
                "serve",
                "--demo",
                "--port",
                Integer.toString(port),
                "--db",
                db.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String token = null;
    String curlToken = null;
    String curlBase = null;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      lines.add(line);
      Matcher tokenLine = TOKEN.matcher(line);
      if (tokenLine.matches()) {
        token = tokenLine.group(1);
      }
      Matcher curlLine = CURL.matcher(line);
      if (curlLine.matches()) {
        curlToken = curlLine.group(1);
        curlBase = curlLine.group(2);
      }
      if (line.startsWith("Press Ctrl+C")) {
        break;
      }
    }
    return new Start(process, lines, token, curlToken, curlBase);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  @Test
  void demoServePrintsATokenAndACurlLineThatWorkAndKeepsTheTokenAcrossRestarts() throws Exception {
    Path dataDirectory = Files.createTempDirectory("classlark-readme-");
    Path db = dataDirectory.resolve("demo.db");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Start first = start(db, port);
    try {
      assertThat(first.lines()).contains("SCIM base URL: http://localhost:" + port + "/scim/v2");
      assertThat(first.token()).as("printed token in %s", first.lines()).isNotNull();
      assertThat(first.curlToken()).isEqualTo(first.token());
      assertThat(first.curlBase()).isEqualTo("http://localhost:" + port + "/scim/v2");

      HttpResult result =
          ScimClient.withToken(first.curlBase(), first.curlToken()).get("/ServiceProviderConfig");

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.json().path("meta").path("location").asText())
          .isEqualTo("http://localhost:" + port + "/scim/v2/ServiceProviderConfig");

      assertThat(first.lines()).contains("Console:       http://localhost:" + port + "/console");
      String supportLink =
          first.lines().stream()
              .filter(line -> line.strip().startsWith("support@demo.classlark.test"))
              .map(line -> line.substring(line.indexOf("http://")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no support link in " + first.lines()));
      assertThat(supportLink).matches("http://localhost:" + port + "/console/set-password/\\S{43}");
      HttpResult setPassword =
          new com.classlark.scim.testing.ConsoleClient(
                  supportLink.replace("localhost", "127.0.0.1").replaceAll("/console/.*", ""))
              .get(supportLink.replaceAll("^http://[^/]+", ""));
      assertThat(setPassword.status()).isEqualTo(200);
      assertThat(setPassword.body()).contains("<h1>Set your password</h1>");
    } finally {
      stop(first.process());
    }

    Start second = start(db, port);
    try {
      assertThat(second.token()).as("printed token in %s", second.lines()).isEqualTo(first.token());
      assertThat(second.lines())
          .anySatisfy(line -> assertThat(line).contains("the same token as last time"));
      assertThat(
              ScimClient.withToken(second.curlBase(), second.curlToken())
                  .get("/ServiceProviderConfig")
                  .status())
          .isEqualTo(200);
    } finally {
      stop(second.process());
    }
  }
}
