package com.classlark.scim.scim;

import com.classlark.scim.directory.StoredDocument;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.resource.ResourceRepresentation;
import com.classlark.scim.protocol.resource.SplicedRepresentation;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

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
        meta(ctx, resource.id(), resource.created(), resource.lastModified(), resource.version()));
  }

  /**
   * The default representation of a resource read as stored text, written from that text as {@link
   * SplicedRepresentation#text} does; empty when the text cannot be spliced.
   */
  Optional<String> splicedText(Context ctx, StoredDocument resource) {
    return SplicedRepresentation.text(type, resource.id(), resource.json(), meta(ctx, resource));
  }

  private ResourceRepresentation.Meta meta(Context ctx, StoredDocument resource) {
    return meta(
        ctx, resource.id(), resource.created(), resource.lastModified(), resource.version());
  }

  private ResourceRepresentation.Meta meta(
      Context ctx, String id, Instant created, Instant lastModified, long version) {
    return new ResourceRepresentation.Meta(
        created, lastModified, location(ctx, id), Versions.etag(version));
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
    headers(ctx, status, resource.id(), resource.version());
    ScimResponses.json(ctx, status, body);
  }

  /**
   * {@link #single} of a resource read as stored text: the default projection is written from the
   * text with {@code meta} spliced in (the same bytes, see {@link SplicedRepresentation}); any
   * other projection, or text that cannot be spliced, parses the document and takes the general
   * path.
   */
  void single(Context ctx, int status, StoredDocument resource, Projection projection) {
    if (projection instanceof Projection.Default) {
      Optional<byte[]> body =
          SplicedRepresentation.render(type, resource.id(), resource.json(), meta(ctx, resource));
      if (body.isPresent()) {
        headers(ctx, status, resource.id(), resource.version());
        ScimResponses.bytes(ctx, status, body.get());
        return;
      }
    }
    single(ctx, status, resource.parsed(), projection);
  }

  private void headers(Context ctx, int status, String id, long version) {
    ctx.header("ETag", Versions.etag(version));
    if (status == 201) {
      ctx.header("Location", location(ctx, id));
    }
  }
}
