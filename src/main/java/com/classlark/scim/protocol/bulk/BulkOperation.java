package com.classlark.scim.protocol.bulk;

import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a bulk request (RFC 7644 §3.7), checked for its structure but with its {@code
 * bulkId:} references still unresolved.
 *
 * @param index position in the request's {@code Operations}, from 0
 * @param type the resource type the path names ({@code /Users…} or {@code /Groups…})
 * @param resourceId the id in the path ({@code /Users/{id}}), possibly a {@code bulkId:} reference;
 *     null for POST, whose path names the resource type only
 * @param bulkId the client's transient id for the resource a POST creates; null when absent
 *     (allowed for every method but POST)
 * @param version the {@code If-Match} value the resource must satisfy; null when absent
 * @param data the resource or PATCH request; null for DELETE
 */
public record BulkOperation(
    int index,
    BulkMethod method,
    ResourceTypeDefinition type,
    String resourceId,
    String bulkId,
    String version,
    JsonNode data) {

  /** How the request names this operation in error details, e.g. {@code Operations[2]}. */
  public String label() {
    return "Operations[" + index + "]" + (bulkId == null ? "" : " (bulkId '" + bulkId + "')");
  }
}
