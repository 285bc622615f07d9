package com.classlark.scim.protocol.patch;

import com.classlark.scim.protocol.filter.PathExpression;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a PATCH request (RFC 7644 §3.5.2).
 *
 * @param op the operation
 * @param path the parsed {@code path}; {@code null} when the operation has none (the target is the
 *     resource itself)
 * @param value the {@code value} as the client sent it; {@code null} when the operation has no
 *     {@code value} member, while an explicit JSON {@code null} stays a {@code NullNode}
 */
public record PatchOperation(PatchOp op, PathExpression path, JsonNode value) {

  public PatchOperation {
    if (op == null) {
      throw new IllegalArgumentException("op must not be null");
    }
  }
}
