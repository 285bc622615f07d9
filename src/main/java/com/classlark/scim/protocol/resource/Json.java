package com.classlark.scim.protocol.resource;

import com.classlark.scim.protocol.error.ScimException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one JSON configuration of the service. Decimals are read as {@link java.math.BigDecimal}
 * without stripping trailing zeros, so that {@code decimal} attributes (RFC 7643 §2.3.3) keep their
 * exact value, and a key given twice in one object is a syntax error rather than a silent "last one
 * wins".
 */
public final class Json {
  private Json() {}

  /**
   * The shared, fully configured mapper. Configure it here only; callers use it, they never
   * reconfigure it.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static {
    // A client cannot exhaust the stack with deeply nested JSON; SCIM resources are shallow.
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Parses a request body.
   *
   * @throws ScimException {@code invalidSyntax} naming the line and column when the body is not
   *     JSON
   */
  public static JsonNode parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ScimException.invalidSyntax("the request body is empty; expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw ScimException.invalidSyntax("the request body is not valid JSON" + where);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("the request body could not be read as JSON");
    }
  }
}
