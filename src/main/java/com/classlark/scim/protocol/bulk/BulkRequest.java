package com.classlark.scim.protocol.bulk;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.schema.AttributeNames;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk request message (RFC 7644 §3.7). The whole message is checked before any operation runs,
 * so a malformed request changes nothing: a wrong method, path or missing {@code data} is a 400 for
 * the request, naming the operation. What can only fail when an operation runs (validation,
 * uniqueness, versions, references) fails that operation alone. Attribute names are matched
 * ignoring case.
 *
 * @param failOnErrors errors accepted before the remaining operations are skipped; {@link
 *     Integer#MAX_VALUE} when the request sets no limit
 */
public record BulkRequest(int failOnErrors, List<BulkOperation> operations) {
  public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

  public BulkRequest {
    operations = List.copyOf(operations);
  }

  /**
   * Reads a bulk request body.
   *
   * @param maxOperations more operations than this get 413 (RFC 7644 §3.7.4)
   */
  public static BulkRequest parse(JsonNode body, int maxOperations) {
    if (!body.isObject()) {
      throw ScimException.invalidSyntax("the request body must be a JSON object");
    }
    JsonNode schemas = AttributeNames.member(body, "schemas");
    if (schemas == null || !schemas.isArray() || !containsText(schemas, SCHEMA)) {
      throw ScimException.invalidSyntax("schemas must be [\"" + SCHEMA + "\"] for POST /Bulk");
    }
    JsonNode operations = AttributeNames.member(body, "Operations");
    if (operations == null || !operations.isArray()) {
      throw ScimException.invalidSyntax("Operations is required: an array of bulk operations");
    }
    if (operations.size() > maxOperations) {
      throw ScimException.payloadTooLarge(
          "The number of operations ("
              + operations.size()
              + ") exceeds the maxOperations ("
              + maxOperations
              + ").");
    }
    List<BulkOperation> parsed = new ArrayList<>();
    Map<String, Integer> bulkIds = new HashMap<>();
    for (int index = 0; index < operations.size(); index++) {
      BulkOperation operation = operation(index, operations.get(index));
      if (operation.bulkId() != null) {
        Integer earlier = bulkIds.putIfAbsent(operation.bulkId(), index);
        if (earlier != null) {
          throw ScimException.invalidValue(
              "Operations["
                  + index
                  + "].bulkId '"
                  + operation.bulkId()
                  + "' is already the bulkId of Operations["
                  + earlier
                  + "]; bulkIds must be unique within a request");
        }
      }
      parsed.add(operation);
    }
    return new BulkRequest(failOnErrors(AttributeNames.member(body, "failOnErrors")), parsed);
  }

  private static int failOnErrors(JsonNode value) {
    if (value == null || value.isNull()) {
      return Integer.MAX_VALUE;
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.intValue() < 1) {
      throw ScimException.invalidValue(
          "failOnErrors must be a positive integer (the number of errors to accept before stopping), got "
              + value);
    }
    return value.intValue();
  }

  private static BulkOperation operation(int index, JsonNode node) {
    String at = "Operations[" + index + "]";
    if (!node.isObject()) {
      throw ScimException.invalidSyntax(at + " must be an object with method, path and data");
    }
    String methodName = text(node, "method", at);
    if (methodName == null) {
      throw ScimException.invalidSyntax(at + ".method is required: POST, PUT, PATCH or DELETE");
    }
    BulkMethod method =
        BulkMethod.parse(methodName)
            .orElseThrow(
                () ->
                    ScimException.invalidValue(
                        at
                            + ".method '"
                            + methodName
                            + "' is not one of POST, PUT, PATCH, DELETE"));
    String path = text(node, "path", at);
    if (path == null) {
      throw ScimException.invalidSyntax(at + ".path is required, e.g. /Users or /Groups/{id}");
    }
    String bulkId = text(node, "bulkId", at);
    if (bulkId != null && bulkId.isBlank()) {
      throw ScimException.invalidValue(at + ".bulkId must not be blank");
    }
    if (method == BulkMethod.POST && bulkId == null) {
      throw ScimException.invalidSyntax(at + ".bulkId is required for POST");
    }
    JsonNode data = AttributeNames.member(node, "data");
    if (method != BulkMethod.DELETE && (data == null || !data.isObject())) {
      throw ScimException.invalidSyntax(at + ".data is required for " + method + ": a JSON object");
    }
    String[] segments = path.strip().replaceFirst("^/", "").split("/", -1);
    ResourceTypeDefinition type =
        ResourceTypes.ALL.stream()
            .filter(candidate -> candidate.endpoint().substring(1).equalsIgnoreCase(segments[0]))
            .findFirst()
            .orElse(null);
    boolean wantsId = method != BulkMethod.POST;
    if (type == null
        || segments.length != (wantsId ? 2 : 1)
        || (wantsId && segments[1].isBlank())) {
      throw ScimException.invalidValue(
          at
              + ".path '"
              + path
              + "' is not valid for "
              + method
              + (wantsId
                  ? ": expected /Users/{id} or /Groups/{id}"
                  : ": expected /Users or /Groups"));
    }
    return new BulkOperation(
        index,
        method,
        type,
        wantsId ? segments[1] : null,
        bulkId,
        text(node, "version", at),
        method == BulkMethod.DELETE ? null : data);
  }

  /** A string member, null when absent or JSON null; 400 when it is another type. */
  private static String text(JsonNode node, String name, String at) {
    JsonNode value = AttributeNames.member(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ScimException.invalidSyntax(at + "." + name + " must be a string, got " + value);
    }
    return value.textValue();
  }

  private static boolean containsText(JsonNode array, String wanted) {
    for (JsonNode element : array) {
      if (element.isTextual() && element.textValue().equalsIgnoreCase(wanted)) {
        return true;
      }
    }
    return false;
  }
}
