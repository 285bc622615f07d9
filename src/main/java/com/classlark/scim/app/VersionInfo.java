package com.classlark.scim.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version and the git commit the jar was built from, embedded by the build
 * ({@code version.properties}, {@code git describe --always --dirty}). A build from sources without
 * their {@code .git} says "unknown commit".
 */
final class VersionInfo implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** What {@code git describe --dirty} appends when the work tree had changes. */
  private static final String DIRTY = "-dirty";

  @Override
  public String[] getVersion() {
    return new String[] {text(load())};
  }

  static String text(Properties build) {
    String version = resolved(build.getProperty("version"));
    String commit = resolved(build.getProperty("commit"));
    String describedCommit;
    if (commit == null) {
      describedCommit = "unknown commit";
    } else if (commit.endsWith(DIRTY)) {
      describedCommit =
          "commit " + commit.substring(0, commit.length() - DIRTY.length()) + " with local changes";
    } else {
      describedCommit = "commit " + commit;
    }
    return "classlark-scim "
        + (version == null ? "unknown version" : version)
        + " ("
        + describedCommit
        + ")";
  }

  /** The value, or null when the build left it empty or unresolved ({@code ${git.…}}). */
  private static String resolved(String value) {
    return value == null || value.isBlank() || value.contains("${") ? null : value.strip();
  }

  private static Properties load() {
    Properties build = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return build;
  }
}
