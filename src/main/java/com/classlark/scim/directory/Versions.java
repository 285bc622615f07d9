package com.classlark.scim.directory;

/** Resource versions as weak entity tags, RFC 7644 §3.14: {@code W/"7"}. */
public final class Versions {
  private Versions() {}

  public static String etag(long version) {
    return "W/\"" + version + "\"";
  }
}
