package com.classlark.scim.console;

import com.classlark.scim.directory.log.LogEntry;

/**
 * What a failed SCIM request means, in the words of the school administrator who configures the
 * identity provider: the status and {@code scimType} explained, and what to do about it. The detail
 * the identity provider received is shown beside it.
 */
final class FailureWords {
  private FailureWords() {}

  static String explain(LogEntry entry) {
    boolean group = "Group".equals(entry.resourceType());
    String scimType = entry.scimType() == null ? "" : entry.scimType();
    int status = entry.status();
    if (status >= 500) {
      return "Something went wrong on ClassLark's side; your identity provider will retry. If it"
          + " keeps failing, tell ClassLark support the time shown.";
    }
    return switch (status) {
      case 400 ->
          switch (scimType) {
            case "invalidValue" ->
                "Your identity provider sent a value ClassLark does not accept. The detail names"
                    + " the attribute and the rule: fix its mapping in your identity provider.";
            case "invalidSyntax" ->
                "The request was not valid SCIM: check the attribute mapping in your identity"
                    + " provider.";
            case "invalidFilter" ->
                "Your identity provider searched with a filter ClassLark does not understand.";
            case "invalidPath", "noTarget" ->
                "An update named an attribute ClassLark does not have: check the attribute"
                    + " mapping.";
            case "mutability" ->
                "Your identity provider tried to change something that cannot be changed, such as"
                    + " a record's id.";
            case "tooMany" -> "Your identity provider asked for too many records at once.";
            default -> "ClassLark could not accept the request: the detail says why.";
          };
      case 401 ->
          "The token was missing, wrong, revoked or expired: paste the current token into your"
              + " identity provider, or ask ClassLark support for a new one.";
      case 403 -> "The token may not do this.";
      case 404 ->
          group
              ? "This group does not exist in ClassLark (it may have been deleted)."
              : "This staff member does not exist in ClassLark (the record may have been"
                  + " deleted).";
      case 409 ->
          "uniqueness".equals(scimType)
              ? (group
                  ? "A group with this name already exists in ClassLark: rename one of them."
                  : "A staff member with this email address already exists in ClassLark: give"
                      + " the existing record the same external id in your identity provider, or"
                      + " use another email address.")
              : "The record changed in ClassLark at the same time; your identity provider will"
                  + " retry.";
      case 412 ->
          "The record changed since your identity provider last read it; it reads it again and"
              + " retries.";
      case 413 -> "The request was too large for ClassLark.";
      case 429 ->
          "Your identity provider sent too many requests at once and was asked to wait; it"
              + " retries by itself.";
      default -> "The request failed: the detail says why.";
    };
  }

  /** What the request did: "Create staff member", "Update group", … */
  static String what(LogEntry entry) {
    String record =
        switch (entry.resourceType() == null ? "" : entry.resourceType()) {
          case "User" -> " staff member";
          case "Group" -> " group";
          default -> "";
        };
    return switch (entry.operation()) {
          case CREATE -> "Create";
          case REPLACE -> "Replace";
          case UPDATE -> "Update";
          case DELETE -> "Delete";
          case BULK -> "Bulk request";
          case READ -> "Read";
        }
        + record;
  }
}
