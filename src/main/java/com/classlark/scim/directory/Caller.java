package com.classlark.scim.directory;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks for a directory operation outside SCIM: the role of the credential, which credential it
 * was, and the person it acts for. Every directory operation of the directory API, the console and
 * the command line takes one; the operation, not the adapter, decides whether the role allows it
 * ({@link #require}), and every manual change records {@link #keyId} and {@link #actor} with its
 * change event.
 *
 * @param role what the caller may do
 * @param keyId the id of the API key the request presented, or {@code null} for the command line
 * @param actor the signed-in person the caller acts for, as ClassLark's application names them (the
 *     {@code X-ClassLark-Actor} header, usually an email address), or {@code null} when the caller
 *     did not say
 */
public record Caller(ApiKeyRole role, String keyId, String actor) {
  /** The actor recorded for changes made with the command line. */
  public static final String COMMAND_LINE_ACTOR = "command line";

  public Caller {
    Objects.requireNonNull(role, "role");
  }

  /** ClassLark support at the command line, which has the database and so every right. */
  public static Caller commandLine() {
    return new Caller(ApiKeyRole.SUPPORT, null, COMMAND_LINE_ACTOR);
  }

  public Optional<String> actingFor() {
    return Optional.ofNullable(actor);
  }

  /**
   * Refuses the operation unless this caller's role includes {@code required}.
   *
   * @param operation what the caller tried, in words ("list schools")
   * @throws DirectoryException {@link ProblemKind#FORBIDDEN}
   */
  public void require(ApiKeyRole required, String operation) {
    if (!role.includes(required)) {
      throw Problems.forbidden(operation, required.wireName());
    }
  }
}
