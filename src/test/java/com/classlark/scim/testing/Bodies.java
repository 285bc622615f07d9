package com.classlark.scim.testing;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.UUID;

/** Request bodies for tests, written with single quotes for readability. */
public final class Bodies {
  private Bodies() {}

  /** JSON text from a single-quoted form: {@code {'a':'b'}}. */
  public static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  public static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** Any JSON value. */
  public static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** A unique, valid staff email address. */
  public static String uniqueEmail(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8) + "@school.example";
  }

  /** A minimal valid ClassLark user. */
  public static String staff(String userName) {
    return json(
        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],'userName':'"
            + userName
            + "','name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff'}");
  }

  /** The error body of RFC 7644 §3.12. */
  public static String error(int status, String scimType, String detail) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
    body.put("status", Integer.toString(status));
    if (scimType != null) {
      body.put("scimType", scimType);
    }
    body.put("detail", detail);
    return body.toString();
  }

  public static JsonNode withoutMeta(JsonNode resource) {
    ObjectNode copy = resource.deepCopy();
    copy.remove("meta");
    copy.remove("id");
    return copy;
  }
}
