package com.classlark.scim.directory;

/**
 * Why the directory refused an operation. Each kind is one problem {@code type} of the directory
 * API (its name there is {@link #typeName()}) and one message of the console; adapters switch over
 * it exhaustively.
 */
public enum ProblemKind {
  NOT_FOUND("not-found"),
  MANAGED_BY_SCIM("managed-by-scim"),
  DUPLICATE_EMAIL("duplicate-email"),
  DUPLICATE_GROUP_NAME("duplicate-group-name"),
  VERSION_MISMATCH("version-mismatch"),
  VALIDATION("validation"),
  UNAUTHORIZED("unauthorized"),
  FORBIDDEN("forbidden"),
  /** A change-feed cursor older than the events kept: the consumer must resynchronise. */
  CURSOR_EXPIRED("cursor-expired"),
  /** Too many long polls wait on this node; try again shortly ({@code Retry-After}). */
  TOO_MANY_WAITING("too-many-waiting");

  private final String typeName;

  ProblemKind(String typeName) {
    this.typeName = typeName;
  }

  /** The last segment of the problem type URI, e.g. {@code managed-by-scim}. */
  public String typeName() {
    return typeName;
  }
}
