package com.classlark.scim.protocol.error;

import java.util.Optional;

/**
 * The one exception a client can cause: it carries the HTTP status, the optional {@code scimType}
 * and a {@code detail} that tells the client what to fix (RFC 7644 §3.12). Only the HTTP layer
 * turns it into a response.
 */
public final class ScimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final ScimType scimType;

  /**
   * @param status HTTP status code
   * @param scimType the scimType keyword, or {@code null} when the RFC names none for this error
   * @param detail human-readable detail; never contains secrets
   */
  public ScimException(int status, ScimType scimType, String detail) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }

  public int status() {
    return status;
  }

  public Optional<ScimType> scimType() {
    return Optional.ofNullable(scimType);
  }

  public String detail() {
    return getMessage();
  }

  public static ScimException invalidFilter(String detail) {
    return new ScimException(400, ScimType.INVALID_FILTER, detail);
  }

  public static ScimException invalidPath(String detail) {
    return new ScimException(400, ScimType.INVALID_PATH, detail);
  }

  public static ScimException noTarget(String detail) {
    return new ScimException(400, ScimType.NO_TARGET, detail);
  }

  public static ScimException uniqueness(String detail) {
    return new ScimException(409, ScimType.UNIQUENESS, detail);
  }

  public static ScimException mutability(String detail) {
    return new ScimException(400, ScimType.MUTABILITY, detail);
  }

  public static ScimException invalidValue(String detail) {
    return new ScimException(400, ScimType.INVALID_VALUE, detail);
  }

  public static ScimException invalidSyntax(String detail) {
    return new ScimException(400, ScimType.INVALID_SYNTAX, detail);
  }

  public static ScimException tooMany(String detail) {
    return new ScimException(400, ScimType.TOO_MANY, detail);
  }

  public static ScimException invalidVers(String detail) {
    return new ScimException(400, ScimType.INVALID_VERS, detail);
  }

  public static ScimException invalidCursor(String detail) {
    return new ScimException(400, ScimType.INVALID_CURSOR, detail);
  }

  public static ScimException expiredCursor(String detail) {
    return new ScimException(400, ScimType.EXPIRED_CURSOR, detail);
  }

  public static ScimException invalidCount(String detail) {
    return new ScimException(400, ScimType.INVALID_COUNT, detail);
  }

  public static ScimException badRequest(String detail) {
    return new ScimException(400, null, detail);
  }

  public static ScimException unauthorized(String detail) {
    return new ScimException(401, null, detail);
  }

  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  public static ScimException methodNotAllowed(String detail) {
    return new ScimException(405, null, detail);
  }

  public static ScimException conflict(String detail) {
    return new ScimException(409, null, detail);
  }

  public static ScimException preconditionFailed(String detail) {
    return new ScimException(412, null, detail);
  }

  public static ScimException payloadTooLarge(String detail) {
    return new ScimException(413, null, detail);
  }

  public static ScimException unsupportedMediaType(String detail) {
    return new ScimException(415, null, detail);
  }

  public static ScimException notImplemented(String detail) {
    return new ScimException(501, null, detail);
  }
}
