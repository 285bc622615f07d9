package com.classlark.scim.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * Resource versions as weak entity tags, RFC 7644 §3.14: {@code W/"7"}. Tags are compared weakly
 * (RFC 9110 §8.8.3.2), so {@code W/"7"} and {@code "7"} name the same version.
 */
public final class Versions {
  private Versions() {}

  public static String etag(long version) {
    return "W/\"" + version + "\"";
  }

  /**
   * True when a list of entity tags as sent in {@code If-Match} or {@code If-None-Match} ({@code
   * *}, or tags separated by commas) names {@code version}.
   */
  public static boolean matches(String tagList, long version) {
    List<String> tags = opaqueTags(tagList);
    return tags.contains("*") || tags.contains(Long.toString(version));
  }

  private static List<String> opaqueTags(String tagList) {
    List<String> tags = new ArrayList<>();
    for (String part : tagList.split(",")) {
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
