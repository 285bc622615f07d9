package com.classlark.scim.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real {@code ./classlark-scim} launcher and {@code scripts/find-java.sh}, copied into a
 * directory of their own, with stand-ins for {@code java} (prints the arguments it was started
 * with, one per line) and, optionally, {@code mvn}, so that what the launcher does can be checked
 * in a second.
 */
final class LauncherFixture implements AutoCloseable {
  /** Prints what {@code java_major} reads, or else the arguments, one per line. */
  private static final String FAKE_JAVA =
      """
      #!/usr/bin/env bash
      if [ "$1" = "-XshowSettings:properties" ]; then
        echo "    java.specification.version = 21" >&2
        exit 0
      fi
      printf '%s\\n' "$@"
      """;

  final Path root;
  final Path bin;

  private LauncherFixture(Path root, Path bin) {
    this.root = root;
    this.bin = bin;
  }

  /** The launcher laid out under {@code root} as the given paths, relative to it. */
  static LauncherFixture create(String launcherPath, String findJavaPath) throws IOException {
    Path root = Files.createTempDirectory("classlark-launcher-");
    Path bin = Files.createDirectories(root.resolve(".fake-bin"));
    copy(Path.of("classlark-scim"), root.resolve(launcherPath));
    copy(Path.of("scripts", "find-java.sh"), root.resolve(findJavaPath));
    copy(
        Path.of("scripts", "aot-cache.sh"),
        root.resolve(findJavaPath).resolveSibling("aot-cache.sh"));
    executable(bin.resolve("java"), FAKE_JAVA);
    return new LauncherFixture(root, bin);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  static void executable(Path file, String script) throws IOException {
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Stands in for Maven: runs the script in the launcher's directory. */
  void mvn(String script) throws IOException {
    executable(bin.resolve("mvn"), "#!/usr/bin/env bash\n" + script);
  }

  /** What a command printed and how it ended. */
  record Result(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  /** Runs a command with the fake bin first on PATH, {@code java} found through it. */
  Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, bin.resolve("java"));
  }

  /** Runs a command with the fake bin first on PATH and {@code java} as CLASSLARK_JAVA. */
  Result run(List<String> command, Path java) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(name -> name.startsWith("CLASSLARK_") || name.equals("JAVA_HOME"));
    environment.put("CLASSLARK_JAVA", java.toString());
    environment.put("PATH", bin + ":/usr/bin:/bin");
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " did not finish");
    }
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The options {@code service_java_options} gives for this root, as the launcher passes them. */
  List<String> serviceJavaOptions(String findJavaPath) throws IOException, InterruptedException {
    Result result =
        run(
            List.of(
                "bash",
                "-c",
                ". '" + root.resolve(findJavaPath) + "' && service_java_options '" + root + "'"));
    return new ArrayList<>(List.of(result.out().strip().split("\\s+")));
  }
}
