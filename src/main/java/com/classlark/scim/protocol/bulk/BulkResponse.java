package com.classlark.scim.protocol.bulk;

import com.classlark.scim.protocol.error.ScimErrors;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The BulkResponse message (RFC 7644 §3.7.3); {@code status} is a string, as the RFC shows it. */
public final class BulkResponse {
  public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

  private BulkResponse() {}

  /**
   * The response body.
   *
   * @param baseUrl the base URL the client used, for each operation's {@code location}
   */
  public static ObjectNode render(List<BulkResult> results, String baseUrl) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add(SCHEMA);
    ArrayNode operations = body.putArray("Operations");
    for (BulkResult result : results) {
      ObjectNode operation = operations.addObject();
      operation.put("method", result.method().name());
      if (result.bulkId() != null) {
        operation.put("bulkId", result.bulkId());
      }
      if (result.resourcePath() != null) {
        operation.put("location", baseUrl + result.resourcePath());
      }
      if (result.version() != null) {
        operation.put("version", result.version());
      }
      operation.put("status", Integer.toString(result.status()));
      if (result.error() != null) {
        operation.set("response", ScimErrors.body(result.error()));
      }
    }
    return body;
  }
}
