package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.LauncherFixture.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code Containerfile}: a build stage that packages the jar, and an image that runs it as a
 * non-root user with a data volume and a health check, through the same launcher and {@code
 * scripts/find-java.sh} as a developer, so its JVM options cannot drift from the service's. This
 * machine builds no images; the image's layout is rebuilt in a directory and its entry point run.
 */
class ContainerfileTest {

  /** The Containerfile's instructions, continuation lines joined, comments left out. */
  private static List<String> instructions() throws Exception {
    String text = Files.readString(Path.of("Containerfile")).replaceAll("\\\\\\n\\s*", "");
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** The instructions of the last stage: the image that runs. */
  private static List<String> runtimeStage() throws Exception {
    List<String> all = instructions();
    int lastFrom = 0;
    for (int index = 0; index < all.size(); index++) {
      if (all.get(index).startsWith("FROM ")) {
        lastFrom = index;
      }
    }
    return all.subList(lastFrom, all.size());
  }

  @Test
  void aBuildStagePackagesTheJar() throws Exception {
    List<String> all = instructions();

    assertThat(all).anyMatch(line -> line.matches("FROM \\S+ AS build"));
    assertThat(all).anyMatch(line -> line.startsWith("RUN mvn ") && line.endsWith(" package"));
  }

  @Test
  void theImageRunsAsANonRootUserWithADataVolumeAndAHealthCheck() throws Exception {
    List<String> image = runtimeStage();

    assertThat(image)
        .contains(
            "WORKDIR /app",
            "COPY classlark-scim ./",
            "COPY scripts/find-java.sh scripts/aot-cache.sh scripts/",
            "COPY --from=build /src/target/classlark-scim.jar target/",
            "USER classlark",
            "ENV CLASSLARK_DB=/data/classlark-scim.db",
            "VOLUME /data",
            "EXPOSE 8080",
            "ENTRYPOINT [\"/app/classlark-scim\"]",
            "CMD [\"serve\"]");
    assertThat(image)
        .filteredOn(line -> line.startsWith("HEALTHCHECK "))
        .singleElement()
        .satisfies(
            check ->
                assertThat(check)
                    .contains(
                        "CMD curl -fsS \"http://127.0.0.1:${CLASSLARK_PORT:-8080}/healthz\""));
    assertThat(image).noneMatch(line -> line.matches("USER (root|0)"));
  }

  @Test
  void theEntryPointRunsTheJarWithTheServiceJvmOptions() throws Exception {
    try (LauncherFixture app = LauncherFixture.create("classlark-scim", "scripts/find-java.sh")) {
      Path jar = Files.createDirectories(app.root.resolve("target")).resolve("classlark-scim.jar");
      Files.writeString(jar, "jar");

      Result serve = app.run(List.of(app.root.resolve("classlark-scim").toString(), "serve"));

      List<String> expected = new ArrayList<>(app.serviceJavaOptions("scripts/find-java.sh"));
      expected.addAll(List.of("-jar", jar.toString(), "serve"));
      assertThat(serve.exitCode()).isZero();
      assertThat(serve.err()).as("no build in the image").isEmpty();
      assertThat(serve.outLines())
          .isEqualTo(expected)
          .contains("-XX:+ExitOnOutOfMemoryError", "-Xmx96m", "-XX:+UseSerialGC");
    }
  }
}
