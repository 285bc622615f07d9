package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.DiscoverySchemas;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.classlark.scim.protocol.schema.SchemaRepresentation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code /Schemas} and {@code /ResourceTypes} (RFC 7644 §4, RFC 7643 §6–§7), generated from the one
 * schema model that also validates every request. Filtering is not offered on discovery endpoints,
 * so a {@code filter} gets 403 as RFC 7644 §4 asks.
 */
public final class DiscoveryRoutes implements ScimRoutes {
  /** What {@code /Schemas} lists: the resource types' schemas, then the discovery schemas. */
  private static final List<SchemaDefinition> SCHEMAS =
      Stream.concat(ResourceTypes.schemas().stream(), DiscoverySchemas.ALL.stream()).toList();

  private final String publicBaseUrl;
  private final MultiValueLimit valueLimit;

  /**
   * @param valueLimit the limit on values per multi-valued attribute, stated in the schemas
   */
  public DiscoveryRoutes(String publicBaseUrl, MultiValueLimit valueLimit) {
    this.publicBaseUrl = publicBaseUrl;
    this.valueLimit = valueLimit;
  }

  @Override
  public void register(ScimRouter router) {
    router.get("/Schemas", this::schemas);
    router.get("/Schemas/{id}", this::schema);
    router.get("/ResourceTypes", this::resourceTypes);
    router.get("/ResourceTypes/{name}", this::resourceType);
  }

  private void schemas(Context ctx) {
    refuseFilter(ctx, "/Schemas");
    String baseUrl = BaseUrl.of(ctx, publicBaseUrl);
    ScimResponses.json(
        ctx,
        200,
        listResponse(SCHEMAS, schema -> SchemaRepresentation.schema(schema, baseUrl, valueLimit)));
  }

  private void schema(Context ctx) {
    String id = ctx.pathParam("id");
    SchemaDefinition schema =
        SCHEMAS.stream()
            .filter(candidate -> candidate.id().equalsIgnoreCase(id))
            .findFirst()
            .orElseThrow(
                () ->
                    ScimException.notFound(
                        "No schema "
                            + id
                            + " is served here; GET /Schemas lists the "
                            + SCHEMAS.size()
                            + " schemas this service uses."));
    ScimResponses.json(
        ctx, 200, SchemaRepresentation.schema(schema, BaseUrl.of(ctx, publicBaseUrl), valueLimit));
  }

  private void resourceTypes(Context ctx) {
    refuseFilter(ctx, "/ResourceTypes");
    String baseUrl = BaseUrl.of(ctx, publicBaseUrl);
    ScimResponses.json(
        ctx,
        200,
        listResponse(ResourceTypes.ALL, type -> SchemaRepresentation.resourceType(type, baseUrl)));
  }

  private void resourceType(Context ctx) {
    String name = ctx.pathParam("name");
    ResourceTypeDefinition type =
        ResourceTypes.byName(name)
            .orElseThrow(
                () ->
                    ScimException.notFound(
                        "No resource type "
                            + name
                            + " is served here; the resource types are User and Group."));
    ScimResponses.json(
        ctx, 200, SchemaRepresentation.resourceType(type, BaseUrl.of(ctx, publicBaseUrl)));
  }

  /**
   * RFC 7644 §4: a filter on a discovery endpoint gets 403, so no client trusts an ignored filter.
   */
  static void refuseFilter(Context ctx, String endpoint) {
    if (ctx.queryParam("filter") != null) {
      throw new ScimException(
          403,
          null,
          "Filtering is not supported on " + endpoint + "; request it without a filter.");
    }
  }

  private static <T> ObjectNode listResponse(List<T> items, Function<T, ObjectNode> render) {
    ObjectNode body = Json.object();
    body.putArray("schemas").add(ResourceListing.LIST_RESPONSE);
    body.put("totalResults", items.size());
    body.put("itemsPerPage", items.size());
    body.put("startIndex", 1);
    ArrayNode resources = body.putArray("Resources");
    items.forEach(item -> resources.add(render.apply(item)));
    return body;
  }
}
