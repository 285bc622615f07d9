package com.classlark.scim.scim;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.resource.ResourceRepresentation;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** Renders stored resources as responses: full JSON with meta, projection, ETag and Location. */
final class ResourceResponses {
  private final ResourceTypeDefinition type;
  private final String publicBaseUrl;

  ResourceResponses(ResourceTypeDefinition type, String publicBaseUrl) {
    this.type = type;
    this.publicBaseUrl = publicBaseUrl;
  }

  String location(Context ctx, String id) {
    return BaseUrl.of(ctx, publicBaseUrl) + type.endpoint() + "/" + id;
  }

  /** The full representation of a resource, before projection. */
  ObjectNode full(Context ctx, StoredResource resource) {
    return ResourceRepresentation.render(
        type,
        resource.id(),
        resource.document(),
        new ResourceRepresentation.Meta(
            resource.created(),
            resource.lastModified(),
            location(ctx, resource.id()),
            Versions.etag(resource.version())));
  }

  /** The projection the request's {@code attributes}/{@code excludedAttributes} ask for. */
  Projection projection(Context ctx) {
    return Projection.of(type, ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"));
  }

  /**
   * Writes one resource with its ETag (and Location for 201), projected as {@code projection} (the
   * request's, parsed once before the write so that a bad parameter changes nothing).
   */
  void single(Context ctx, int status, StoredResource resource, Projection projection) {
    ObjectNode body = projection.apply(full(ctx, resource));
    ctx.header("ETag", Versions.etag(resource.version()));
    if (status == 201) {
      ctx.header("Location", location(ctx, resource.id()));
    }
    ScimResponses.json(ctx, status, body);
  }
}
