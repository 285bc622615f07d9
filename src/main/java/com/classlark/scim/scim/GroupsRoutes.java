package com.classlark.scim.scim;

import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.GroupMember;
import com.classlark.scim.directory.Groups;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.directory.Written;
import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code /Groups}: staff groups as SCIM Groups. A single group's members are streamed from the
 * membership table into the response, never collected in memory; a response without members never
 * touches that table. PATCH answers 204 unless the request asks for attributes.
 */
public final class GroupsRoutes implements ScimRoutes {
  private final Groups groups;
  private final ResourceResponses responses;
  private final ResourceListing listing;
  private final String publicBaseUrl;

  public GroupsRoutes(
      Groups groups, Cursors cursors, QuerySettings querySettings, String publicBaseUrl) {
    this.groups = groups;
    this.publicBaseUrl = publicBaseUrl;
    this.responses = new ResourceResponses(ResourceTypes.GROUP, publicBaseUrl);
    this.listing =
        new ResourceListing(
            ResourceTypes.GROUP,
            groups::list,
            cursors,
            querySettings,
            this::withMembers,
            this::writeGroup);
  }

  ResourceListing listing() {
    return listing;
  }

  @Override
  public void register(ScimRouter router) {
    router.post("/Groups", this::create);
    router.get("/Groups", listing::list);
    router.post("/Groups/.search", listing::search);
    router.get("/Groups/{id}", this::read);
    router.put("/Groups/{id}", this::replace);
    router.patch("/Groups/{id}", this::patch);
    router.delete("/Groups/{id}", this::delete);
  }

  private void create(Context ctx) {
    Projection projection = responses.projection(ctx);
    JsonNode body = JsonBody.object(ctx);
    StoredResource created = groups.create(BearerAuth.accountId(ctx), body);
    List<String> changes = new ArrayList<>(ChangedAttributes.of(created.document()));
    if (body.path("members").size() > 0) {
      changes.add("members");
    }
    logged(ctx, created, changes);
    stream(ctx, 201, created, projection);
  }

  private void read(Context ctx) {
    StoredResource found = groups.get(BearerAuth.accountId(ctx), ctx.pathParam("id"));
    if (EntityTags.notModified(ctx, found)) {
      ctx.header("ETag", Versions.etag(found.version()));
      ctx.status(304);
      return;
    }
    stream(ctx, 200, found, responses.projection(ctx));
  }

  private void replace(Context ctx) {
    Projection projection = responses.projection(ctx);
    JsonNode body = JsonBody.object(ctx);
    Written replaced =
        groups.replace(
            BearerAuth.accountId(ctx), ctx.pathParam("id"), body, EntityTags.ifMatch(ctx));
    logged(ctx, replaced.resource(), replaced.changes());
    stream(ctx, 200, replaced.resource(), projection);
  }

  private void patch(Context ctx) {
    boolean wantsBody =
        ctx.queryParam("attributes") != null || ctx.queryParam("excludedAttributes") != null;
    Projection projection = wantsBody ? responses.projection(ctx) : null;
    JsonNode body = JsonBody.object(ctx);
    Written patched =
        groups.patch(BearerAuth.accountId(ctx), ctx.pathParam("id"), body, EntityTags.ifMatch(ctx));
    logged(ctx, patched.resource(), patched.changes());
    if (wantsBody) {
      stream(ctx, 200, patched.resource(), projection);
    } else {
      ctx.header("ETag", Versions.etag(patched.resource().version()));
      ctx.status(204);
    }
  }

  private void delete(Context ctx) {
    StoredResource deleted =
        groups.delete(BearerAuth.accountId(ctx), ctx.pathParam("id"), EntityTags.ifMatch(ctx));
    logged(ctx, deleted, List.of());
    ctx.status(204);
  }

  private static void logged(Context ctx, StoredResource resource, List<String> changes) {
    ProvisioningCapture.written(
        ctx, "Group", resource.id(), resource.document().path("displayName").asText(null), changes);
  }

  private ObjectNode member(Context ctx, GroupMember member) {
    ObjectNode node = Json.object();
    node.put("value", member.id());
    if (member.display() != null) {
      node.put("display", member.display());
    }
    node.put("$ref", BaseUrl.of(ctx, publicBaseUrl) + "/Users/" + member.id());
    node.put("type", "User");
    return node;
  }

  /** For list responses: the group with its members when the projection keeps them. */
  private ObjectNode withMembers(Context ctx, StoredResource group, Projection projection) {
    ObjectNode full = responses.full(ctx, group);
    if (projection.includes("members")) {
      ArrayNode members = Json.MAPPER.createArrayNode();
      groups.forEachMember(
          BearerAuth.accountId(ctx), group.id(), member -> members.add(member(ctx, member)));
      if (!members.isEmpty()) {
        insertBeforeMeta(full, "members", members);
      }
    }
    return projection.apply(full);
  }

  private static void insertBeforeMeta(ObjectNode resource, String field, JsonNode value) {
    JsonNode meta = resource.remove("meta");
    resource.set(field, value);
    if (meta != null) {
      resource.set("meta", meta);
    }
  }

  /** Writes one group as a response, streaming its members (see {@link #writeGroup}). */
  private void stream(Context ctx, int status, StoredResource group, Projection projection) {
    ctx.status(status);
    ctx.header("ETag", Versions.etag(group.version()));
    if (status == 201) {
      ctx.header("Location", responses.location(ctx, group.id()));
    }
    if (!projection.includes("members")) {
      ScimResponses.json(ctx, status, projection.apply(responses.full(ctx, group)));
      return;
    }
    ctx.contentType(ScimMediaType.RESPONSE_CONTENT_TYPE);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
      writeGroup(out, ctx, group, projection);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one group: its projected attributes, then its members streamed from the membership table
   * (never collected in memory; omitted when it has none, as RFC 7643 §2.5 treats an empty list as
   * unassigned), then {@code meta}. A projection without members never reads that table.
   */
  private void writeGroup(
      JsonGenerator out, Context ctx, StoredResource group, Projection projection)
      throws IOException {
    ObjectNode body = projection.apply(responses.full(ctx, group));
    if (!projection.includes("members")) {
      Json.MAPPER.writeTree(out, body);
      return;
    }
    out.writeStartObject();
    JsonNode meta = null;
    for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("meta")) {
        meta = field.getValue();
      } else {
        out.writeFieldName(field.getKey());
        Json.MAPPER.writeTree(out, field.getValue());
      }
    }
    boolean[] started = {false};
    groups.forEachMember(
        BearerAuth.accountId(ctx),
        group.id(),
        member -> {
          try {
            if (!started[0]) {
              out.writeArrayFieldStart("members");
              started[0] = true;
            }
            Json.MAPPER.writeTree(out, member(ctx, member));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    if (started[0]) {
      out.writeEndArray();
    }
    if (meta != null) {
      out.writeFieldName("meta");
      Json.MAPPER.writeTree(out, meta);
    }
    out.writeEndObject();
  }
}
