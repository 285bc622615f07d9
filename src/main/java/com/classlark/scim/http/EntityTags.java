package com.classlark.scim.http;

import com.classlark.scim.directory.Precondition;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * ETag preconditions (RFC 7644 §3.14 with RFC 9110 §13.1): {@code If-Match} on writes, {@code
 * If-None-Match} on reads. Versions are weak tags, so tags are compared weakly: {@code W/"3"} matches
 * {@code "3"}.
 */
final class EntityTags {
  private EntityTags() {}

  /** The {@code If-Match} precondition of a write, or {@link Precondition#NONE} without the header. */
  static Precondition ifMatch(Context ctx) {
    String header = ctx.header("If-Match");
    if (header == null || header.isBlank()) {
      return Precondition.NONE;
    }
    List<String> tags = parse(header);
    return resource -> {
      if (!tags.contains("*") && !tags.contains(opaque(Versions.etag(resource.version())))) {
        throw Precondition.failed(resource);
      }
    };
  }

  /** True when the client's {@code If-None-Match} already names the current version. */
  static boolean notModified(Context ctx, StoredResource resource) {
    String header = ctx.header("If-None-Match");
    if (header == null || header.isBlank()) {
      return false;
    }
    List<String> tags = parse(header);
    return tags.contains("*") || tags.contains(opaque(Versions.etag(resource.version())));
  }

  private static List<String> parse(String header) {
    List<String> tags = new ArrayList<>();
    for (String part : header.split(",")) {
      String tag = part.strip();
      if (!tag.isEmpty()) {
        tags.add(tag.equals("*") ? "*" : opaque(tag));
      }
    }
    return tags;
  }

  /** The opaque part of an entity tag, without the weakness indicator and quotes. */
  private static String opaque(String tag) {
    String value = tag.startsWith("W/") || tag.startsWith("w/") ? tag.substring(2) : tag;
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }
}
