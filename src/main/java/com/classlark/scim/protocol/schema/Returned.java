package com.classlark.scim.protocol.schema;

/** When an attribute is returned, RFC 7643 §7. */
public enum Returned {
  ALWAYS("always"),
  NEVER("never"),
  DEFAULT("default"),
  REQUEST("request");

  private final String scimName;

  Returned(String scimName) {
    this.scimName = scimName;
  }

  public String scimName() {
    return scimName;
  }
}
