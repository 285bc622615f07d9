package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.schema.AttributeNames;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of a PATCH request, the {@code PatchOp} message of RFC 7644 §3.5.2, into its
 * operations. Member names ({@code schemas}, {@code Operations}, {@code op}, {@code path}, {@code
 * value}), the message URN and the operation names are accepted in any case, as Microsoft Entra ID
 * sends {@code "op": "Replace"}. A blank {@code path} counts as no path.
 *
 * <p>A body with more than {@link #MAX_OPERATIONS} operations is refused with {@code tooMany}: of
 * the RFC's {@code scimType} values (RFC 7644 §3.12, Table 9) it is the one for a request asking
 * more work than the server is willing to process. Every other structural problem is {@code
 * invalidSyntax}, except a {@code path} that is not a valid path, which is {@code invalidPath}.
 */
public final class PatchRequest {
  private PatchRequest() {}

  /** The PatchOp message URN, RFC 7644 §3.5.2. */
  public static final String PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** The most operations one PATCH request may carry. */
  public static final int MAX_OPERATIONS = 1000;

  private static final FilterParser DEFAULT_PATHS = new FilterParser(FilterLimits.DEFAULT);

  /**
   * Reads a PATCH body allowing at most {@link #MAX_OPERATIONS} operations, its paths within {@link
   * FilterLimits#DEFAULT}.
   */
  public static List<PatchOperation> parse(JsonNode body) {
    return parse(body, MAX_OPERATIONS, DEFAULT_PATHS);
  }

  /**
   * Reads a PATCH body allowing at most {@link #MAX_OPERATIONS} operations.
   *
   * @param paths the parser of the operations' paths, with the service's configured filter limits
   */
  public static List<PatchOperation> parse(JsonNode body, FilterParser paths) {
    return parse(body, MAX_OPERATIONS, paths);
  }

  /**
   * Reads a PATCH body.
   *
   * @param maxOperations the most operations accepted
   * @param paths the parser of the operations' paths
   * @return the operations in request order, never empty
   * @throws ScimException {@code invalidSyntax}, {@code invalidPath} or {@code tooMany}
   */
  public static List<PatchOperation> parse(JsonNode body, int maxOperations, FilterParser paths) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("a PATCH body must be a JSON object (a PatchOp message)");
    }
    checkSchemas(AttributeNames.member(body, "schemas"));
    JsonNode operations = AttributeNames.member(body, "Operations");
    if (operations == null || operations.isNull()) {
      throw ScimException.invalidSyntax(
          "a PATCH body must have an 'Operations' array with at least one operation");
    }
    if (!operations.isArray()) {
      throw ScimException.invalidSyntax("'Operations' must be an array of operations");
    }
    if (operations.isEmpty()) {
      throw ScimException.invalidSyntax("'Operations' must contain at least one operation");
    }
    if (operations.size() > maxOperations) {
      throw ScimException.tooMany(
          "the PATCH request has "
              + operations.size()
              + " operations; the limit is "
              + maxOperations
              + " per request");
    }
    List<PatchOperation> parsed = new ArrayList<>();
    for (int index = 0; index < operations.size(); index++) {
      parsed.add(operation(operations.get(index), "Operations[" + index + "]", paths));
    }
    return List.copyOf(parsed);
  }

  private static void checkSchemas(JsonNode schemas) {
    if (schemas == null || schemas.isNull()) {
      throw ScimException.invalidSyntax(
          "a PATCH body must have \"schemas\": [\"" + PATCH_OP_URN + "\"]");
    }
    List<JsonNode> urns = new ArrayList<>();
    if (schemas.isArray()) {
      schemas.forEach(urns::add);
    } else {
      urns.add(schemas);
    }
    for (JsonNode urn : urns) {
      if (urn.isTextual() && urn.textValue().trim().equalsIgnoreCase(PATCH_OP_URN)) {
        return;
      }
    }
    throw ScimException.invalidSyntax(
        "the schemas of a PATCH body must contain \"" + PATCH_OP_URN + "\" but were " + schemas);
  }

  private static PatchOperation operation(JsonNode node, String where, FilterParser paths) {
    if (!node.isObject()) {
      throw ScimException.invalidSyntax(
          where + " must be a JSON object with 'op', 'path' and 'value'");
    }
    JsonNode op = AttributeNames.member(node, "op");
    if (op == null || op.isNull()) {
      throw ScimException.invalidSyntax(where + " has no 'op'; expected add, replace or remove");
    }
    if (!op.isTextual()) {
      throw ScimException.invalidSyntax(where + ".op must be a string: add, replace or remove");
    }
    PatchOp patchOp =
        PatchOp.named(op.textValue())
            .orElseThrow(
                () ->
                    ScimException.invalidSyntax(
                        where
                            + ".op '"
                            + op.textValue()
                            + "' is not a PATCH operation; expected add, replace or remove"));
    return new PatchOperation(
        patchOp,
        path(AttributeNames.member(node, "path"), where, paths),
        AttributeNames.member(node, "value"));
  }

  private static PathExpression path(JsonNode path, String where, FilterParser paths) {
    if (path == null || path.isNull()) {
      return null;
    }
    if (!path.isTextual()) {
      throw ScimException.invalidPath(where + ".path must be a string");
    }
    if (path.textValue().isBlank()) {
      return null;
    }
    try {
      return paths.parsePath(path.textValue());
    } catch (ScimException e) {
      throw new ScimException(
          e.status(), e.scimType().orElse(null), where + ".path: " + e.detail());
    }
  }
}
