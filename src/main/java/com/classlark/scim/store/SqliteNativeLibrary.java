package com.classlark.scim.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once per driver version and platform into the data
 * directory and loaded from there ({@code org.sqlite.lib.path}). Left to itself, the driver
 * extracts the library into the temporary directory on every start and compares it byte by byte
 * with the one in the jar: about a tenth of the main thread's time to a first answer.
 */
final class SqliteNativeLibrary {
  private static final String PATH_PROPERTY = "org.sqlite.lib.path";
  private static final String NAME_PROPERTY = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /**
   * Points the driver at the library under {@code dataDirectory}, extracting it there first when
   * this driver version has not yet; does nothing when a library path is already set (by the
   * operator, or by an earlier database of this process). When the directory cannot be written, the
   * driver extracts the library its own way, as before.
   */
  static synchronized void useExtractedCopy(Path dataDirectory) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    String name = LibraryLoaderUtil.getNativeLibName();
    String platform = LibraryLoaderUtil.getNativeLibResourcePath();
    Path directory =
        dataDirectory
            .resolve(".sqlite-jdbc")
            .resolve(
                SQLiteJDBCLoader.getVersion()
                    + "-"
                    + platform.substring(platform.lastIndexOf("/native/") + 8).replace('/', '-'));
    Path library = directory.resolve(name);
    try {
      if (!Files.isRegularFile(library) && !extract(platform + "/" + name, directory, library)) {
        return;
      }
      System.setProperty(PATH_PROPERTY, directory.toString());
      System.setProperty(NAME_PROPERTY, name);
    } catch (IOException | RuntimeException e) {
      LoggerFactory.getLogger(SqliteNativeLibrary.class)
          .debug("cannot keep sqlite-jdbc's native library in {}: {}", directory, e.toString());
    }
  }

  /** Copies the jar's library under a temporary name, then renames it: never half a file. */
  private static boolean extract(String resource, Path directory, Path library) throws IOException {
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false;
      }
      Files.createDirectories(directory);
      Path partial = Files.createTempFile(directory, library.getFileName().toString(), ".partial");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return true;
    }
  }
}
