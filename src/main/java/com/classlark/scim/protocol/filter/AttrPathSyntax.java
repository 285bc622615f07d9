package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.schema.AttrPath;

/**
 * Reads an attribute path word (RFC 7644 §3.4.2.2 {@code attrPath = [URI ":"] ATTRNAME *1subAttr}).
 * The attribute name begins after the last {@code ':'}, so the {@code 2.0} inside {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} is part of the URN, not
 * a sub-attribute split.
 */
final class AttrPathSyntax {
  private AttrPathSyntax() {}

  /**
   * @param word the word exactly as written
   * @param start offset of the word in the original text
   * @param relative true inside a value filter {@code [...]}, where a path is a single
   *     sub-attribute name of the enclosing attribute
   */
  static AttrPath read(String word, int start, boolean relative, ParseTarget target) {
    int colon = word.lastIndexOf(':');
    String schemaUrn = colon >= 0 ? word.substring(0, colon) : null;
    if (schemaUrn != null && relative) {
      throw target.error(
          "expected a sub-attribute name at position "
              + start
              + " but found '"
              + word
              + "'; paths inside '[...]' name a sub-attribute of the enclosing attribute");
    }
    if (schemaUrn != null && schemaUrn.isEmpty()) {
      throw target.error("expected a schema URN before ':' at position " + start);
    }
    int nameStart = start + colon + 1;
    String rest = word.substring(colon + 1);
    if (rest.isEmpty()) {
      throw target.error(
          "expected an attribute name after the schema URN at position " + (start + word.length()));
    }
    int dot = rest.indexOf('.');
    String attribute = dot < 0 ? rest : rest.substring(0, dot);
    checkName(attribute, nameStart, target);
    if (dot < 0) {
      return new AttrPath(schemaUrn, attribute, null);
    }
    if (relative) {
      throw target.error(
          "unexpected '.' at position "
              + (nameStart + dot)
              + "; paths inside '[...]' name a single sub-attribute");
    }
    String subAttribute = rest.substring(dot + 1);
    checkName(subAttribute, nameStart + dot + 1, target);
    return new AttrPath(schemaUrn, attribute, subAttribute);
  }

  /**
   * Checks {@code ATTRNAME = ALPHA *(nameChar)}, {@code nameChar = "-" / "_" / DIGIT / ALPHA} (RFC
   * 7643 §2.1), also allowing the leading {@code $} of {@code $ref}.
   *
   * @param start offset of the name in the original text
   */
  static void checkName(String name, int start, ParseTarget target) {
    if (name.isEmpty()) {
      throw target.error("expected an attribute name at position " + start);
    }
    char first = name.charAt(0);
    if (!isAsciiLetter(first) && first != '$') {
      throw target.error(
          "expected an attribute name starting with a letter at position "
              + start
              + " but found '"
              + first
              + "'");
    }
    for (int index = 1; index < name.length(); index++) {
      char character = name.charAt(index);
      if (!isAsciiLetter(character)
          && !(character >= '0' && character <= '9')
          && character != '-'
          && character != '_') {
        throw target.error(
            "invalid character '"
                + character
                + "' in attribute name at position "
                + (start + index));
      }
    }
  }

  private static boolean isAsciiLetter(char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
  }
}
