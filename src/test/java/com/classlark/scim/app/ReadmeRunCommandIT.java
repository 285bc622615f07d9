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
 * It must print a base URL, a token and a curl line that works.
 */
class ReadmeRunCommandIT {
  private static final Pattern TOKEN = Pattern.compile("^Token:\\s+(clsk_\\S+)$");
  private static final Pattern CURL =
      Pattern.compile(
          "^\\s*curl -H 'Authorization: Bearer (clsk_\\S+)' (http://\\S+)/ServiceProviderConfig$");

  @Test
  void demoServePrintsATokenAndACurlLineThatWork() throws Exception {
    Path dataDirectory = Files.createTempDirectory("classlark-readme-");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                "./classlark-scim",
                "serve",
                "--demo",
                "--port",
                Integer.toString(port),
                "--db",
                dataDirectory.resolve("demo.db").toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
      assertThat(lines).contains("SCIM base URL: http://localhost:" + port + "/scim/v2");
      assertThat(token).as("printed token in %s", lines).isNotNull();
      assertThat(curlToken).isEqualTo(token);
      assertThat(curlBase).isEqualTo("http://localhost:" + port + "/scim/v2");

      HttpResult result = ScimClient.withToken(curlBase, curlToken).get("/ServiceProviderConfig");

      assertThat(result.status()).isEqualTo(200);
      assertThat(result.json().path("meta").path("location").asText())
          .isEqualTo("http://localhost:" + port + "/scim/v2/ServiceProviderConfig");
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
