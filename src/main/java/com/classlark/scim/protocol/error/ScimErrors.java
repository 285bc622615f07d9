package com.classlark.scim.protocol.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The SCIM Error message body, RFC 7644 §3.12. */
public final class ScimErrors {
  public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

  private ScimErrors() {}

  /** The body for an exception: {@code status} as a string, as the RFC's examples show. */
  public static ObjectNode body(ScimException exception) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("schemas").add(ERROR_SCHEMA);
    body.put("status", Integer.toString(exception.status()));
    exception.scimType().ifPresent(type -> body.put("scimType", type.keyword()));
    body.put("detail", exception.detail());
    return body;
  }
}
