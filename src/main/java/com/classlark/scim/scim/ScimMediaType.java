package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimException;
import java.util.Locale;

/**
 * The SCIM media type (RFC 7644 §3.1). Responses are {@code application/scim+json}; requests may
 * also be {@code application/json} (what most identity providers send), in UTF-8 (the server
 * refuses any other charset before the adapter runs).
 */
public final class ScimMediaType {
  public static final String SCIM_JSON = "application/scim+json";
  public static final String RESPONSE_CONTENT_TYPE = SCIM_JSON + "; charset=utf-8";

  private ScimMediaType() {}

  /**
   * Checks the Content-Type of a request that carries a body. A missing Content-Type is accepted;
   * any JSON type is accepted.
   */
  public static void requireJsonBody(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (mediaType.equals("application/json")
        || mediaType.equals(SCIM_JSON)
        || mediaType.endsWith("+json")) {
      return;
    }
    throw ScimException.unsupportedMediaType(
        "Content-Type "
            + (mediaType.isEmpty() ? "without a media type" : mediaType)
            + " is not supported: send application/scim+json or application/json");
  }
}
