package com.classlark.scim.protocol.schema;

/** SCIM attribute data types, RFC 7643 §2.3. */
public enum AttributeType {
  STRING("string"),
  BOOLEAN("boolean"),
  DECIMAL("decimal"),
  INTEGER("integer"),
  DATE_TIME("dateTime"),
  BINARY("binary"),
  REFERENCE("reference"),
  COMPLEX("complex");

  private final String scimName;

  AttributeType(String scimName) {
    this.scimName = scimName;
  }

  /** The name used in {@code /Schemas} output. */
  public String scimName() {
    return scimName;
  }
}
