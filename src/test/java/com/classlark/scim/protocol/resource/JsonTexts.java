package com.classlark.scim.protocol.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Test shorthand: JSON written with single quotes, which keeps test tables readable. */
public final class JsonTexts {
  private JsonTexts() {}

  public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  public static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  public static final String CLASSLARK =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";
  public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  /**
   * Parses JSON in which {@code '} stands for {@code "}; the texts used in tests contain no quotes.
   */
  public static JsonNode json(String singleQuoted) {
    try {
      return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode object(String singleQuoted) {
    return (ObjectNode) json(singleQuoted);
  }
}
