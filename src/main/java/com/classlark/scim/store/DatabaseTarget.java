package com.classlark.scim.store;

import java.nio.file.Path;

/**
 * Where the data lives, parsed from {@code --db} / {@code CLASSLARK_DB}: a {@code jdbc:postgresql:}
 * URL means PostgreSQL, anything else is a file path for embedded SQLite.
 *
 * @param jdbcUrl the JDBC URL to connect to
 * @param sqliteFile the SQLite file, or {@code null} for PostgreSQL
 */
public record DatabaseTarget(Dialect dialect, String jdbcUrl, Path sqliteFile) {

  /** The embedded default. */
  public static final String DEFAULT = "./data/classlark-scim.db";

  public static DatabaseTarget parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--db must not be empty");
    }
    String trimmed = spec.strip();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return new DatabaseTarget(Dialect.POSTGRESQL, trimmed, null);
    }
    if (trimmed.startsWith("jdbc:sqlite:")) {
      Path file = Path.of(trimmed.substring("jdbc:sqlite:".length()));
      return new DatabaseTarget(Dialect.SQLITE, trimmed, file);
    }
    if (trimmed.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "--db "
              + trimmed
              + " is not supported: use a file path (SQLite) or a jdbc:postgresql: URL");
    }
    Path file = Path.of(trimmed);
    return new DatabaseTarget(Dialect.SQLITE, "jdbc:sqlite:" + file, file);
  }

  /** The target as it may be shown to an operator: a PostgreSQL password is masked. */
  public String describe() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
