package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;

/**
 * An HTTP precondition on the current version of a resource (RFC 7644 §3.14, RFC 7232 {@code
 * If-Match}).
 */
@FunctionalInterface
public interface Precondition {
  Precondition NONE = resource -> {};

  /** Throws {@link ScimException#preconditionFailed} when the resource does not satisfy it. */
  void check(StoredResource resource);

  static ScimException failed(StoredResource resource) {
    return ScimException.preconditionFailed(
        "The resource has changed: its current version is "
            + Versions.etag(resource.version())
            + ". Read it again and retry with that If-Match.");
  }
}
