package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.LauncherFixture.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./classlark-scim} on first use: it says that it is building and that it built (no minute
 * of silence), shows Maven's errors when the build fails, never raw terminal escape codes, and then
 * runs the jar with the service's JVM options.
 */
class LauncherTest {
  /** What Maven 3.8 prints even in batch mode, and what a JDK says about Maven's own libraries. */
  private static final String MAVEN_NOISE =
      "printf '\\033[0m\\033[0m'\n"
          + "echo 'WARNING: sun.misc.Unsafe::objectFieldOffset has been called by guava' >&2\n";

  private LauncherFixture launcher;
  private Path jar;

  @BeforeEach
  void sources() throws Exception {
    launcher = LauncherFixture.create("classlark-scim", "scripts/find-java.sh");
    Files.createDirectories(launcher.root.resolve("src/main/java"));
    Files.writeString(launcher.root.resolve("src/main/java/Main.java"), "class Main {}");
    Files.writeString(launcher.root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(launcher.root.resolve("docs"));
    Files.writeString(launcher.root.resolve("docs/identity-providers.md"), "# Identity providers");
    jar = launcher.root.resolve("target/classlark-scim.jar");
  }

  @AfterEach
  void removeFixture() throws Exception {
    launcher.close();
  }

  private Result launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("./classlark-scim"));
    command.addAll(List.of(args));
    return launcher.run(command);
  }

  @Test
  void firstUseSaysWhatItBuildsThenRunsTheJarWithTheServiceOptions() throws Exception {
    launcher.mvn(MAVEN_NOISE + "mkdir -p target && echo jar > target/classlark-scim.jar\n");

    Result first = launch("--version");

    assertThat(first.exitCode()).isZero();
    assertThat(first.err().lines().toList())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0))
                  .isEqualTo(
                      "Building "
                          + jar
                          + " with Maven (first use or sources changed; about a minute; log: "
                          + launcher.root.resolve("target/build.log")
                          + ")...");
              assertThat(lines.get(1)).matches("Built \\Q" + jar + "\\E in \\d+ s\\.");
            });
    List<String> expected = launcher.serviceJavaOptions("scripts/find-java.sh");
    expected.addAll(List.of("-jar", jar.toString(), "--version"));
    assertThat(first.outLines()).isEqualTo(expected);
    assertThat(first.out() + first.err()).doesNotContain("\u001b");

    Result again = launch("--version");

    assertThat(again.err()).isEmpty();
    assertThat(again.outLines()).isEqualTo(expected);
  }

  @Test
  void aFailedBuildShowsMavensErrorsWithoutEscapeCodesAndStops() throws Exception {
    launcher.mvn(
        MAVEN_NOISE
            + "printf '\\033[1;31m[ERROR] COMPILATION ERROR : \\033[0m\\n'\n"
            + "echo '[ERROR] /src/main/java/Main.java:[1,7] cannot find symbol'\n"
            + "exit 1\n");

    Result result = launch("serve", "--demo");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines().toList())
        .containsExactly(
            "Building "
                + jar
                + " with Maven (first use or sources changed; about a minute; log: "
                + launcher.root.resolve("target/build.log")
                + ")...",
            "Building "
                + jar
                + " failed; Maven's errors (the whole output is in "
                + launcher.root.resolve("target/build.log")
                + "):",
            "[ERROR] COMPILATION ERROR : ",
            "[ERROR] /src/main/java/Main.java:[1,7] cannot find symbol");
  }

  @Test
  void aJdk25FoundThroughASymlinkRunsWithTheAotCache() throws Exception {
    Path jdk = Files.createDirectories(launcher.root.resolve(".fake-jdk-25/bin"));
    Files.writeString(jdk.resolveSibling("release"), "JAVA_VERSION=\"25.0.1\"\n");
    Files.copy(launcher.bin.resolve("java"), jdk.resolve("java"));
    Path link = launcher.root.resolve(".fake-usr-bin/java");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, jdk.resolve("java"));
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path cache = launcher.root.resolve("target/classlark-scim.aot");
    Files.writeString(cache, "cache");
    // Built after the sources, trained after the build: neither is redone.
    long now = System.currentTimeMillis();
    Files.setLastModifiedTime(jar, FileTime.fromMillis(now + 10_000));
    Files.setLastModifiedTime(cache, FileTime.fromMillis(now + 20_000));

    Result result = launcher.run(List.of("./classlark-scim", "--version"), link);

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.outLines())
        .contains("-XX:AOTCache=" + cache)
        .doesNotContain("-XX:+AutoCreateSharedArchive");
  }
}
