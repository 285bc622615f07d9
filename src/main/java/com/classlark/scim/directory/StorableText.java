package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Limits of text that is also kept in a column of its own, shared by staff and groups. */
final class StorableText {
  /** Column width of names, display names and external ids. */
  static final int NAME_LENGTH = 512;

  private StorableText() {}

  /**
   * The attributes that filter and sort are also kept in columns of their own, and with them their
   * lower-cased form (see the store's migrations). PostgreSQL refuses text longer than such a
   * column and text containing U+0000, where SQLite accepts both; checked here, both engines accept
   * the same staff and a client gets a 400 naming the attribute instead of a 500. Lower-casing can
   * lengthen a value ({@code İ} becomes two characters), so the lower-cased form must fit too.
   */
  static void check(String path, JsonNode value, int maxLength) {
    if (!value.isTextual()) {
      return;
    }
    String text = value.textValue();
    if (text.indexOf('\0') >= 0) {
      throw ScimException.invalidValue(path + " must not contain the NUL character (U+0000)");
    }
    String folded = text.toLowerCase(Locale.ROOT);
    if (Math.max(text.codePointCount(0, text.length()), folded.codePointCount(0, folded.length()))
        > maxLength) {
      throw ScimException.invalidValue(path + " must be at most " + maxLength + " characters long");
    }
  }
}
