package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The SQLite driver's native library is extracted once per driver version into the data directory
 * and loaded from there, instead of into the temporary directory on every start.
 */
class SqliteNativeLibraryTest {
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";

  @TempDir Path data;

  @Test
  void theLibraryIsExtractedOnceIntoAVersionedDirectoryOfTheDataDirectory() throws Exception {
    withoutLibraryProperties(
        () -> {
          SqliteNativeLibrary.useExtractedCopy(data);

          Path directory = Path.of(System.getProperty(PATH));
          assertThat(directory.getParent()).isEqualTo(data.resolve(".sqlite-jdbc"));
          assertThat(directory.getFileName().toString())
              .startsWith(SQLiteJDBCLoader.getVersion() + "-");
          assertThat(System.getProperty(NAME)).isEqualTo(LibraryLoaderUtil.getNativeLibName());
          Path library = directory.resolve(System.getProperty(NAME));
          assertThat(Files.readAllBytes(library)).isEqualTo(bundledLibrary());
          assertThat(directory).isDirectoryNotContaining("glob:**.partial");

          FileTime extracted = FileTime.fromMillis(1_000_000_000L);
          Files.setLastModifiedTime(library, extracted);
          System.clearProperty(PATH);
          SqliteNativeLibrary.useExtractedCopy(data);

          assertThat(System.getProperty(PATH)).isEqualTo(directory.toString());
          assertThat(Files.getLastModifiedTime(library)).isEqualTo(extracted);
        });
  }

  @Test
  void aLibraryPathSetBeforeIsKeptAndNothingIsExtracted() throws Exception {
    withoutLibraryProperties(
        () -> {
          System.setProperty(PATH, "/opt/sqlite-native");

          SqliteNativeLibrary.useExtractedCopy(data);

          assertThat(System.getProperty(PATH)).isEqualTo("/opt/sqlite-native");
          assertThat(data.resolve(".sqlite-jdbc")).doesNotExist();
        });
  }

  private static byte[] bundledLibrary() throws Exception {
    try (InputStream in =
        SQLiteJDBCLoader.class.getResourceAsStream(
            LibraryLoaderUtil.getNativeLibResourcePath()
                + "/"
                + LibraryLoaderUtil.getNativeLibName())) {
      return in.readAllBytes();
    }
  }

  private interface Check {
    void run() throws Exception;
  }

  /** Runs {@code check} with the driver's library properties cleared, then restores them. */
  private static void withoutLibraryProperties(Check check) throws Exception {
    String path = System.getProperty(PATH);
    String name = System.getProperty(NAME);
    try {
      System.clearProperty(PATH);
      System.clearProperty(NAME);
      check.run();
    } finally {
      restore(PATH, path);
      restore(NAME, name);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
