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
 */
public record BulkResult(
    BulkMethod method,
    String bulkId,
    String resourcePath,
    String version,
    int status,
    ScimException error) {

  public static BulkResult success(
      BulkOperation operation, int status, String resourcePath, String version) {
    return new BulkResult(
        operation.method(), operation.bulkId(), resourcePath, version, status, null);
  }

  public static BulkResult failure(
      BulkOperation operation, String resourcePath, ScimException error) {
    return new BulkResult(
        operation.method(), operation.bulkId(), resourcePath, null, error.status(), error);
  }

  public boolean failed() {
    return error != null;
  }
}
