package com.classlark.scim.directory;

import com.classlark.scim.protocol.error.ScimException;

/**
 * An HTTP precondition on the current version of a resource (RFC 7644 §3.14, RFC 9110 {@code
 * If-Match}).
 */
@FunctionalInterface
public interface Precondition {
  Precondition NONE = resource -> {};

  /** Throws {@link ScimException#preconditionFailed} when the resource does not satisfy it. */
  void check(StoredResource resource);

  /**
   * The precondition of an {@code If-Match} header or a bulk operation's {@code version}: the
   * resource must be at one of the versions listed ({@code *} matches any). {@link #NONE} for a
   * null or blank value.
   */
  static Precondition ifMatch(String tagList) {
    if (tagList == null || tagList.isBlank()) {
      return NONE;
    }
    return resource -> {
      if (!Versions.matches(tagList, resource.version())) {
        throw failed(resource);
      }
    };
  }

  static ScimException failed(StoredResource resource) {
    return ScimException.preconditionFailed(
        "The resource has changed: its current version is "
            + Versions.etag(resource.version())
            + ". Read it again and retry with that If-Match.");
  }
}
