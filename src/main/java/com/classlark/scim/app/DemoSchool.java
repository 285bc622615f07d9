package com.classlark.scim.app;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.store.DatabaseTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The demo school of {@code serve --demo} and its one token.
 *
 * <p>Only the SHA-256 hash of a token is stored, so a token cannot be shown again once printed. On
 * the embedded database the demo token's secret is therefore kept in a file beside the SQLite file
 * ({@code <db>.demo-token}, readable by its owner only) and reused on every start while it is
 * valid, so a developer's curl lines and identity-provider settings keep working across restarts. A
 * new token is issued only when there is no such file or its token was revoked or expired. Every
 * other live demo token of the school is revoked (earlier versions minted a never-expiring one on
 * each start), and demo tokens expire after {@link #TOKEN_LIFETIME}. On PostgreSQL (only with
 * {@code --force-demo}) no file is written: each start issues a new token and revokes the earlier
 * ones.
 */
final class DemoSchool {
  static final String NAME = "Demo School";
  static final String TOKEN_LABEL = "demo";
  static final Duration TOKEN_LIFETIME = Duration.ofDays(30);

  /**
   * The demo school and the token to print.
   *
   * @param tokenFile where the token is kept, or {@code null} on PostgreSQL
   * @param reused true when the token is the one kept from an earlier start
   */
  record Demo(Account school, String token, ApiToken tokenRecord, Path tokenFile, boolean reused) {}

  private DemoSchool() {}

  static Demo prepare(Services services, DatabaseTarget target) {
    Account school = services.accounts().findOrCreate(NAME);
    Path tokenFile =
        target.sqliteFile() == null ? null : Path.of(target.sqliteFile() + ".demo-token");
    Optional<String> kept = tokenFile == null ? Optional.empty() : read(tokenFile);
    Optional<ApiToken> reusable =
        kept.flatMap(secret -> services.tokens().findUsable(secret))
            .filter(token -> token.accountId().equals(school.id()));
    Demo demo;
    if (reusable.isPresent()) {
      demo = new Demo(school, kept.orElseThrow(), reusable.get(), tokenFile, true);
    } else {
      IssuedToken issued = services.tokens().issue(school.id(), TOKEN_LABEL, TOKEN_LIFETIME);
      if (tokenFile != null) {
        write(tokenFile, issued.secret());
      }
      demo = new Demo(school, issued.secret(), issued.token(), tokenFile, false);
    }
    revokeOtherDemoTokens(services, school, demo.tokenRecord(), services.clock().instant());
    return demo;
  }

  private static void revokeOtherDemoTokens(
      Services services, Account school, ApiToken keep, Instant now) {
    for (ApiToken token : services.tokens().list(school.id())) {
      if (TOKEN_LABEL.equals(token.label())
          && token.usableAt(now)
          && !token.id().equals(keep.id())) {
        services.tokens().revoke(token.id());
      }
    }
  }

  private static Optional<String> read(Path tokenFile) {
    try {
      String secret = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    } catch (IOException missingOrUnreadable) {
      return Optional.empty();
    }
  }

  /** Writes the secret readable by its owner only, replacing the old file in one step. */
  private static void write(Path tokenFile, String secret) {
    Path directory = tokenFile.toAbsolutePath().getParent();
    try {
      Path temporary =
          FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  directory,
                  ".demo-token",
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(directory, ".demo-token", ".tmp");
      Files.writeString(temporary, secret + System.lineSeparator(), StandardCharsets.UTF_8);
      Files.move(
          temporary,
          tokenFile,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo token to " + tokenFile, e);
    }
  }
}
