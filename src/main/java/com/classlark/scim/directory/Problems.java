package com.classlark.scim.directory;

import java.util.List;
import java.util.Map;

/** The refusals of the directory, one factory per {@link ProblemKind}. */
public final class Problems {
  private Problems() {}

  /**
   * A record that does not exist in the caller's school; another school's record is not found as
   * well, so nothing tells a caller that an id exists elsewhere.
   *
   * @param what what was looked for, in words ("staff member", "group", "school")
   * @param idField the field that names it in the problem ({@code staffId}, {@code groupId}, …)
   */
  public static DirectoryException notFound(String what, String idField, String id) {
    return new DirectoryException(
        ProblemKind.NOT_FOUND,
        "No "
            + what
            + " with id "
            + id
            + " in this school. Check the id; it may have been removed.",
        Map.of(idField, id),
        List.of());
  }

  /** Bad input: every wrong field with its rule. */
  public static DirectoryException validation(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation problem names at least one field");
    }
    String names = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
    return new DirectoryException(
        ProblemKind.VALIDATION,
        "Fix the fields named in errors and send the request again: " + names + ".",
        Map.of(),
        errors);
  }

  /** A caller whose role does not allow the operation. */
  public static DirectoryException forbidden(String operation, String requiredRole) {
    return new DirectoryException(
        ProblemKind.FORBIDDEN,
        "Only a caller with the " + requiredRole + " role may " + operation + ".",
        Map.of(),
        List.of());
  }

  /** A school id that names no school. */
  public static DirectoryException schoolNotFound(String schoolId) {
    return new DirectoryException(
        ProblemKind.NOT_FOUND,
        "No school with id " + schoolId + ". Check the id; support can list every school.",
        Map.of("schoolId", schoolId),
        List.of());
  }

  /** An API key id that names no key. */
  public static DirectoryException apiKeyNotFound(String keyId) {
    return new DirectoryException(
        ProblemKind.NOT_FOUND,
        "No API key with id " + keyId + ". List the keys to find its id.",
        Map.of("keyId", keyId),
        List.of());
  }

  /**
   * A request without a credential this API accepts.
   *
   * @param detail what to send instead; never the presented secret
   */
  public static DirectoryException unauthorized(String detail) {
    return new DirectoryException(ProblemKind.UNAUTHORIZED, detail, Map.of(), List.of());
  }

  /**
   * A manual change of a record that the school's identity provider manages through SCIM.
   *
   * @param what "staff member" or "group"
   * @param idField the field that names it in the problem ({@code staffId} or {@code groupId})
   */
  public static DirectoryException managedByScim(String what, String idField, String id) {
    return new DirectoryException(
        ProblemKind.MANAGED_BY_SCIM,
        "The "
            + what
            + " "
            + id
            + " is managed by the school's identity provider through SCIM, so it cannot be changed"
            + " in ClassLark; nothing was changed. Make the change in the school's identity"
            + " provider, or ask ClassLark support to release the "
            + what
            + " from SCIM.",
        Map.of(idField, id),
        List.of());
  }

  /** A manual create or edit whose email another live staff member of the school already has. */
  public static DirectoryException duplicateEmail(String otherStaffId) {
    return new DirectoryException(
        ProblemKind.DUPLICATE_EMAIL,
        "Staff member "
            + otherStaffId
            + " of this school already has this email address (compared ignoring case); nothing"
            + " was changed. Use another email address, or change that staff member instead.",
        Map.of("otherStaffId", otherStaffId),
        List.of());
  }

  /** A manual create or rename to a display name another group of the school already has. */
  public static DirectoryException duplicateGroupName() {
    return new DirectoryException(
        ProblemKind.DUPLICATE_GROUP_NAME,
        "Another group of this school already has this display name (compared ignoring case);"
            + " nothing was changed. Choose another name.",
        Map.of(),
        List.of());
  }

  /**
   * An {@code If-Match} that names an older version than the record's.
   *
   * @param currentEtag the record's current version as an entity tag
   */
  public static DirectoryException versionMismatch(String currentEtag) {
    return new DirectoryException(
        ProblemKind.VERSION_MISMATCH,
        "The record changed since it was read: its current version is "
            + currentEtag
            + ". Read it again, make the change to what it is now, and send that version in"
            + " If-Match; nothing was changed.",
        Map.of("version", currentEtag),
        List.of());
  }

  /**
   * A change-feed cursor whose event is no longer kept: events after it may have been deleted by
   * retention, so the consumer cannot go on without missing some.
   */
  public static DirectoryException cursorExpired() {
    return new DirectoryException(
        ProblemKind.CURSOR_EXPIRED,
        "This cursor is older than the events ClassLark keeps (as long as the provisioning log,"
            + " 30 days unless configured otherwise) or names no event, so events after it may be"
            + " gone. Resynchronise: read the Staff list and the groups again, then read the feed"
            + " with no after, or with the nextCursor of a read made just before.",
        Map.of(),
        List.of());
  }

  /**
   * A cursor of the change feed's first format ({@code tx:id}), which the feed no longer reads: the
   * consumer resynchronises once, as after an expired cursor.
   */
  public static DirectoryException cursorOfEarlierFormat() {
    return new DirectoryException(
        ProblemKind.CURSOR_EXPIRED,
        "This cursor is of an earlier format of the feed, which ClassLark no longer reads, so"
            + " events after it cannot be found. Resynchronise: read the Staff list and the groups"
            + " again, then read the feed with no after, or with the nextCursor of a read made just"
            + " before.",
        Map.of(),
        List.of());
  }

  /** More long polls than this node lets wait at once. */
  public static DirectoryException tooManyWaiting(int limit) {
    return new DirectoryException(
        ProblemKind.TOO_MANY_WAITING,
        "More than "
            + limit
            + " requests are already waiting for events on this server. Try again in a second,"
            + " or read without wait.",
        Map.of(),
        List.of());
  }
}
