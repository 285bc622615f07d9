package com.classlark.scim.protocol.error;

/**
 * The {@code scimType} error keywords of RFC 7644 §3.12, Table 9, plus those of RFC 9865 for cursor
 * pagination.
 */
public enum ScimType {
  INVALID_FILTER("invalidFilter"),
  TOO_MANY("tooMany"),
  UNIQUENESS("uniqueness"),
  MUTABILITY("mutability"),
  INVALID_SYNTAX("invalidSyntax"),
  INVALID_PATH("invalidPath"),
  NO_TARGET("noTarget"),
  INVALID_VALUE("invalidValue"),
  INVALID_VERS("invalidVers"),
  SENSITIVE("sensitive"),
  /** RFC 9865 §2.2: the cursor value is not valid. */
  INVALID_CURSOR("invalidCursor"),
  /** RFC 9865 §2.2: the cursor value has expired. */
  EXPIRED_CURSOR("expiredCursor"),
  /** RFC 9865 §2.2: the count is larger than the server allows with cursors. */
  INVALID_COUNT("invalidCount");

  private final String keyword;

  ScimType(String keyword) {
    this.keyword = keyword;
  }

  /** The keyword exactly as it appears in a SCIM Error body. */
  public String keyword() {
    return keyword;
  }
}
