package com.classlark.scim.scim;

import com.classlark.scim.directory.Precondition;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import io.javalin.http.Context;

/**
 * ETag preconditions (RFC 7644 §3.14 with RFC 9110 §13.1): {@code If-Match} on writes, {@code
 * If-None-Match} on reads. Versions are weak tags, so tags are compared weakly: {@code W/"3"}
 * matches {@code "3"}.
 */
final class EntityTags {
  private EntityTags() {}

  /**
   * The {@code If-Match} precondition of a write, or {@link Precondition#NONE} without the header.
   */
  static Precondition ifMatch(Context ctx) {
    return Precondition.ifMatch(ctx.header("If-Match"));
  }

  /** True when the client's {@code If-None-Match} already names the current version. */
  static boolean notModified(Context ctx, StoredResource resource) {
    return notModified(ctx, resource.version());
  }

  /** True when the client's {@code If-None-Match} already names {@code version}. */
  static boolean notModified(Context ctx, long version) {
    String header = ctx.header("If-None-Match");
    return header != null && !header.isBlank() && Versions.matches(header, version);
  }
}
