package com.classlark.scim.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rules for text that is stored, shared by staff and groups: every string of a document must be
 * storable on both engines, and text that is also kept in a column of its own must fit it. Each
 * check adds the rules broken to a list, so that a caller can name every wrong field at once.
 */
final class StorableText {
  /** Column width of names, display names and external ids. */
  static final int NAME_LENGTH = 512;

  private StorableText() {}

  /**
   * The attributes that filter and sort are also kept in columns of their own, and with them their
   * lower-cased form (see the store's migrations). PostgreSQL refuses text longer than such a
   * column, where SQLite accepts it; checked here, both engines accept the same staff and a client
   * gets a 400 naming the attribute instead of a 500. Lower-casing can lengthen a value ({@code İ}
   * becomes two characters), so the lower-cased form must fit too.
   */
  static void check(
      String path, JsonNode value, int maxLength, List<StaffRules.Violation> violations) {
    if (!value.isTextual()) {
      return;
    }
    String text = value.textValue();
    String folded = text.toLowerCase(Locale.ROOT);
    if (Math.max(text.codePointCount(0, text.length()), folded.codePointCount(0, folded.length()))
        > maxLength) {
      violations.add(
          new StaffRules.Violation(path, "must be at most " + maxLength + " characters long"));
    }
  }

  /**
   * Every string (value or member name) of a document that cannot be stored as sent: the NUL
   * character, which PostgreSQL refuses, and a lone UTF-16 surrogate (a JSON escape such as {@code
   * "\\ud800"} without its pair), which has no UTF-8 form and would be stored as {@code ?}, so that
   * two different values would become one. Every write's document passes here, whatever attribute
   * holds the string.
   */
  static void checkDocument(JsonNode document, List<StaffRules.Violation> violations) {
    for (Map.Entry<String, JsonNode> member : document.properties()) {
      checkStorable("an attribute name", member.getKey(), violations);
      checkNode(
          member.getKey(),
          member.getKey().startsWith("urn:") ? ":" : ".",
          member.getValue(),
          violations);
    }
  }

  /**
   * @param separator what joins {@code path} and a member name: {@code :} inside an extension's
   *     URN, {@code .} inside a complex attribute
   */
  private static void checkNode(
      String path, String separator, JsonNode node, List<StaffRules.Violation> violations) {
    if (node.isTextual()) {
      checkStorable(path, node.textValue(), violations);
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        checkNode(path, separator, element, violations);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        checkStorable("an attribute name in " + path, member.getKey(), violations);
        checkNode(path + separator + member.getKey(), ".", member.getValue(), violations);
      }
    }
  }

  private static void checkStorable(
      String path, String text, List<StaffRules.Violation> violations) {
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      if (character == '\0') {
        violations.add(
            new StaffRules.Violation(path, "must not contain the NUL character (U+0000)"));
        return;
      }
      if (Character.isHighSurrogate(character)
          && index + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(index + 1))) {
        index++;
      } else if (Character.isSurrogate(character)) {
        violations.add(
            new StaffRules.Violation(
                path,
                "must not contain a lone UTF-16 surrogate (an escape such as \\ud800 without its"
                    + " pair): it is not a character and cannot be stored"));
        return;
      }
    }
  }
}
