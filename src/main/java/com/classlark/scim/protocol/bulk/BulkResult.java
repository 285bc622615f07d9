package com.classlark.scim.protocol.bulk;

import com.classlark.scim.protocol.error.ScimException;

/**
 * The outcome of one bulk operation, as the BulkResponse reports it (RFC 7644 §3.7.3).
 *
 * @param bulkId the operation's bulkId; null when it had none
 * @param resourcePath the resource's path relative to the base URL, e.g. {@code /Users/2819c223};
 *     null for a failed POST, which created nothing, and when the path's id could not be resolved
 * @param version the resource's ETag after the operation; null for errors and deletions
 * @param status the HTTP status the single-resource endpoint would have answered
 * @param error what went wrong; null on success
 * @param changes the names of the attributes a successful write changed (the provisioning log's
 *     {@code changes}); empty for errors and deletions
 */
public record BulkResult(
    BulkMethod method,
    String bulkId,
    String resourcePath,
    String version,
    int status,
    ScimException error,
    java.util.List<String> changes) {

  public BulkResult {
    changes = java.util.List.copyOf(changes);
  }

  public static BulkResult success(
      BulkOperation operation, int status, String resourcePath, String version) {
    return success(operation, status, resourcePath, version, java.util.List.of());
  }

  public static BulkResult success(
      BulkOperation operation,
      int status,
      String resourcePath,
      String version,
      java.util.List<String> changes) {
    return new BulkResult(
        operation.method(), operation.bulkId(), resourcePath, version, status, null, changes);
  }

  public static BulkResult failure(
      BulkOperation operation, String resourcePath, ScimException error) {
    return new BulkResult(
        operation.method(),
        operation.bulkId(),
        resourcePath,
        null,
        error.status(),
        error,
        java.util.List.of());
  }

  public boolean failed() {
    return error != null;
  }
}
