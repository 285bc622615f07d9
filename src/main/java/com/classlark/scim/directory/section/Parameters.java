package com.classlark.scim.directory.section;

import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.protocol.error.ScimException;
import java.util.List;

/** Reads the query parameters of section listings, naming each wrong one. */
final class Parameters {
  private Parameters() {}

  /** {@code true}, {@code false} or null (not given). */
  static Boolean bool(String name, String value, List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        errors.add(new FieldError(name, "must be true or false"));
        yield null;
      }
    };
  }

  /** A page size from 1 to {@code max}; {@code fallback} when not given. */
  static int limit(String value, int fallback, int max, List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    errors.add(new FieldError("limit", "must be a whole number from 1 to " + max));
    return fallback;
  }

  /**
   * The keyset position of a cursor of the same query; null for none (the first page).
   *
   * @param size how many values the position of this listing has
   */
  static List<String> after(
      Cursors cursors,
      String accountId,
      String fingerprint,
      String cursor,
      int size,
      List<FieldError> errors) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      CursorPosition position = cursors.decode(accountId, fingerprint, cursor);
      if (position.key().size() == size && !position.key().contains(null)) {
        return position.key();
      }
    } catch (ScimException e) {
      errors.add(
          new FieldError(
              "cursor",
              "must be a nextCursor of the same query, passed back exactly as received and less"
                  + " than a day old; leave it out for the first page"));
      return null;
    }
    errors.add(new FieldError("cursor", "does not belong to this listing"));
    return null;
  }
}
