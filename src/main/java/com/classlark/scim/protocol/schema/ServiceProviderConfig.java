package com.classlark.scim.protocol.schema;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the service supports (RFC 7643 §5, pagination per RFC 9865 §3). Built from the running
 * service's configuration, so it says exactly what the service does.
 *
 * @param patch PATCH supported
 * @param bulk bulk settings; {@code maxOperations} 0 when bulk is not supported
 * @param filterMaxResults most resources a filtered query returns; 0 when filtering is not
 *     supported
 * @param sort sorting supported
 * @param etag ETags supported
 * @param pagination index/cursor pagination settings
 * @param documentationPath where a human reads how to connect a client, relative to the base URL
 *     the client used, e.g. {@code /docs}
 * @param authenticationDocumentationPath where a human reads how to authenticate, relative to the
 *     base URL the client used, e.g. {@code /docs#base-url-and-token}
 */
public record ServiceProviderConfig(
    boolean patch,
    Bulk bulk,
    int filterMaxResults,
    boolean sort,
    boolean etag,
    Pagination pagination,
    String documentationPath,
    String authenticationDocumentationPath) {

  /** Bulk limits; {@code supported} false means /Bulk is not offered. */
  public record Bulk(boolean supported, int maxOperations, int maxPayloadSize) {}

  /** RFC 9865 pagination block. */
  public record Pagination(
      boolean cursor,
      boolean index,
      String defaultPaginationMethod,
      int defaultPageSize,
      int maxPageSize,
      int cursorTimeoutSeconds) {}

  public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

  /**
   * The JSON representation, with {@code meta.location} and the documentation under {@code
   * baseUrl}.
   */
  public ObjectNode render(String baseUrl) {
    String documentationUri = baseUrl + documentationPath;
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("schemas").add(SCHEMA);
    body.put("documentationUri", documentationUri);
    body.putObject("patch").put("supported", patch);
    ObjectNode bulkNode = body.putObject("bulk");
    bulkNode.put("supported", bulk.supported());
    bulkNode.put("maxOperations", bulk.maxOperations());
    bulkNode.put("maxPayloadSize", bulk.maxPayloadSize());
    ObjectNode filterNode = body.putObject("filter");
    filterNode.put("supported", filterMaxResults > 0);
    filterNode.put("maxResults", filterMaxResults);
    body.putObject("changePassword").put("supported", false);
    body.putObject("sort").put("supported", sort);
    body.putObject("etag").put("supported", etag);
    ObjectNode paginationNode = body.putObject("pagination");
    paginationNode.put("cursor", pagination.cursor());
    paginationNode.put("index", pagination.index());
    paginationNode.put("defaultPaginationMethod", pagination.defaultPaginationMethod());
    paginationNode.put("defaultPageSize", pagination.defaultPageSize());
    paginationNode.put("maxPageSize", pagination.maxPageSize());
    if (pagination.cursor()) {
      paginationNode.put("cursorTimeout", pagination.cursorTimeoutSeconds());
    }
    ObjectNode scheme = body.putArray("authenticationSchemes").addObject();
    scheme.put("type", "oauthbearertoken");
    scheme.put("name", "OAuth Bearer Token");
    scheme.put(
        "description",
        "Each school authenticates with its own bearer token (Authorization: Bearer clsk_...), issued"
            + " by ClassLark support. The token alone selects the school.");
    scheme.put("specUri", "https://www.rfc-editor.org/info/rfc6750");
    scheme.put("documentationUri", baseUrl + authenticationDocumentationPath);
    scheme.put("primary", true);
    ObjectNode meta = body.putObject("meta");
    meta.put("resourceType", "ServiceProviderConfig");
    meta.put("location", baseUrl + "/ServiceProviderConfig");
    return body;
  }
}
