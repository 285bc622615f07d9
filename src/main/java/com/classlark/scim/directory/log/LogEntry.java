package com.classlark.scim.directory.log;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a school's provisioning log: a SCIM request that wrote, or one that failed, as
 * ClassLark answered it. It never holds a request body or an attribute value: {@code changes} names
 * attributes, {@code detail} is the error detail the client received, {@code resourceName} the
 * school's own {@code userName} or {@code displayName} of the resource concerned.
 *
 * @param resourceType {@code User} or {@code Group}, or {@code null} when the request named none
 * @param resourceId the resource's id, or {@code null} (a failed POST created nothing)
 * @param resourceName {@code userName} or {@code displayName}, or {@code null} when not known
 * @param scimType the error's {@code scimType}, or {@code null}
 * @param detail the error's {@code detail} as the client received it, or {@code null} on success
 * @param changes names of the attributes a successful write changed; empty otherwise
 * @param tokenId the presented SCIM token's id (never its secret), or {@code null}
 * @param tokenPrefix its shown prefix, or {@code null}
 * @param clientRequestId the {@code X-Request-Id} or {@code client-request-id} the client sent, or
 *     {@code null}
 */
public record LogEntry(
    String id,
    String accountId,
    Instant at,
    String method,
    String path,
    LogOperation operation,
    String resourceType,
    String resourceId,
    String resourceName,
    int status,
    String scimType,
    String detail,
    List<String> changes,
    String tokenId,
    String tokenPrefix,
    String correlationId,
    long durationMs,
    String clientRequestId) {

  public LogEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(at, "at");
    changes = List.copyOf(changes);
  }

  /** True for a request the client saw fail (4xx or 5xx). */
  public boolean failed() {
    return status >= 400;
  }
}
