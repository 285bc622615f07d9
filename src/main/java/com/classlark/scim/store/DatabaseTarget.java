package com.classlark.scim.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the data lives, parsed from {@code --db} / {@code CLASSLARK_DB}: a {@code jdbc:postgresql:}
 * URL means PostgreSQL, anything else is a file path for embedded SQLite.
 *
 * <p>A PostgreSQL password, given as user-info ({@code jdbc:postgresql://user:secret@host/db},
 * which the driver itself does not understand) or as a {@code password=} parameter in any case, is
 * taken out of the URL and passed to the driver as a connection property. So no pool or driver
 * message, log line or exception can echo it, and {@link #describe()} and {@link #toString()} show
 * it as {@code ***}.
 */
public final class DatabaseTarget {

  /** The embedded default. */
  public static final String DEFAULT = "./data/classlark-scim.db";

  private static final String POSTGRES_PREFIX = "jdbc:postgresql://";
  private static final String MASK = "***";

  /** {@code password=…} in a query string or a property list, any case. */
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");

  /** {@code //user:secret@} user-info: the password runs to the last {@code @} of the host part. */
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/:@\\s]*:)[^\\s?]*@");

  private final Dialect dialect;
  private final String jdbcUrl;
  private final Path sqliteFile;
  private final String user;
  private final String password;
  private final String description;

  private DatabaseTarget(
      Dialect dialect,
      String jdbcUrl,
      Path sqliteFile,
      String user,
      String password,
      String description) {
    this.dialect = dialect;
    this.jdbcUrl = jdbcUrl;
    this.sqliteFile = sqliteFile;
    this.user = user;
    this.password = password;
    this.description = description;
  }

  /**
   * Parses a {@code --db} value.
   *
   * @throws IllegalArgumentException for an empty value or a JDBC URL of another database; the
   *     message shows the value with its password masked
   */
  public static DatabaseTarget parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("--db must not be empty");
    }
    String trimmed = spec.strip();
    if (trimmed.startsWith(POSTGRES_PREFIX)) {
      return postgres(trimmed);
    }
    if (trimmed.startsWith("jdbc:sqlite:")) {
      Path file = Path.of(trimmed.substring("jdbc:sqlite:".length()));
      return new DatabaseTarget(Dialect.SQLITE, trimmed, file, null, null, trimmed);
    }
    if (trimmed.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "--db "
              + maskPasswords(trimmed)
              + " is not supported: use a file path (SQLite) or a jdbc:postgresql: URL");
    }
    Path file = Path.of(trimmed);
    String url = "jdbc:sqlite:" + file;
    return new DatabaseTarget(Dialect.SQLITE, url, file, null, null, url);
  }

  private static DatabaseTarget postgres(String url) {
    String rest = url.substring(POSTGRES_PREFIX.length());
    int queryStart = rest.indexOf('?');
    String hostAndPath = queryStart < 0 ? rest : rest.substring(0, queryStart);
    String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
    String user = null;
    String password = null;
    int at = hostAndPath.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = hostAndPath.substring(0, at);
      hostAndPath = hostAndPath.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), false);
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), false);
    }
    List<String> kept = new ArrayList<>();
    for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
      if (parameter.toLowerCase(Locale.ROOT).startsWith("password=")) {
        password = decode(parameter.substring("password=".length()), true);
      } else {
        kept.add(parameter);
      }
    }
    String jdbcUrl =
        POSTGRES_PREFIX + hostAndPath + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return new DatabaseTarget(
        Dialect.POSTGRESQL, jdbcUrl, null, user, password, maskPasswords(url));
  }

  /**
   * Percent-decodes user-info (where {@code +} is itself) or a query parameter (where {@code +} is
   * a space, as the driver reads it). Text that is not validly encoded is taken as it is: the
   * decoder's own message would quote it.
   */
  private static String decode(String text, boolean queryParameter) {
    try {
      return URLDecoder.decode(
          queryParameter ? text : text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return text;
    }
  }

  /**
   * The text with every database password in it masked: user-info ({@code //user:***@host}) and
   * {@code password=***} parameters, in any case. For messages that may quote a URL, such as an
   * error from the command line.
   */
  public static String maskPasswords(String text) {
    if (text == null) {
      return null;
    }
    String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "@");
  }

  /**
   * {@link #maskPasswords} and, besides, every occurrence of this target's own password, in
   * whatever form a driver or pool might quote it.
   */
  public String mask(String text) {
    String masked = maskPasswords(text);
    if (masked != null && password != null && !password.isEmpty()) {
      masked = masked.replace(password, MASK);
    }
    return masked;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The JDBC URL to connect to, without the password. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The SQLite file, or {@code null} for PostgreSQL. */
  public Path sqliteFile() {
    return sqliteFile;
  }

  /** The user given as user-info in the URL, or {@code null}. */
  String user() {
    return user;
  }

  /** The password taken out of the URL, or {@code null}. */
  String password() {
    return password;
  }

  /** The target as it may be shown to an operator: as given, with the password masked. */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
