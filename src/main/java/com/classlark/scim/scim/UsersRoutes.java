package com.classlark.scim.scim;

import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.Staff;
import com.classlark.scim.directory.StoredDocument;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.directory.Written;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResourceTypes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** {@code /Users}: staff as SCIM Users (RFC 7644 §3.3, §3.4.1, §3.5.1, §3.6). */
public final class UsersRoutes implements ScimRoutes {
  private final Staff staff;
  private final ResourceResponses responses;
  private final ResourceListing listing;

  public UsersRoutes(
      Staff staff, Cursors cursors, QuerySettings querySettings, String publicBaseUrl) {
    this.staff = staff;
    this.responses = new ResourceResponses(ResourceTypes.USER, publicBaseUrl);
    this.listing =
        new ResourceListing(
            ResourceTypes.USER, staff::list, responses, cursors, querySettings, this::lookUp);
  }

  private static final AttrPath USER_NAME = AttrPath.of("userName");
  private static final AttrPath EXTERNAL_ID = AttrPath.of("externalId");

  /** The identity providers' lookups: by userName (unique, ignoring case) and by externalId. */
  private Optional<List<StoredDocument>> lookUp(
      String accountId, AttrPath path, String value, int limit) {
    if (path.equals(USER_NAME)) {
      return Optional.of(staff.documentsByUserName(accountId, value));
    }
    if (path.equals(EXTERNAL_ID)) {
      return Optional.of(staff.documentsByExternalId(accountId, value, limit));
    }
    return Optional.empty();
  }

  ResourceListing listing() {
    return listing;
  }

  @Override
  public void register(ScimRouter router) {
    router.post("/Users", this::create);
    router.get("/Users", listing::list);
    router.post("/Users/.search", listing::search);
    router.get("/Users/{id}", this::read);
    router.put("/Users/{id}", this::replace);
    router.patch("/Users/{id}", this::patch);
    router.delete("/Users/{id}", this::delete);
  }

  private void create(Context ctx) {
    Projection projection = responses.projection(ctx);
    Written created = staff.create(BearerAuth.accountId(ctx), JsonBody.object(ctx));
    logged(ctx, created.resource(), created.changes());
    responses.single(ctx, 201, created.resource(), projection);
  }

  private void read(Context ctx) {
    StoredDocument found = staff.getDocument(BearerAuth.accountId(ctx), ctx.pathParam("id"));
    if (EntityTags.notModified(ctx, found.version())) {
      ctx.header("ETag", Versions.etag(found.version()));
      ctx.status(304);
      return;
    }
    responses.single(ctx, 200, found, responses.projection(ctx));
  }

  private void replace(Context ctx) {
    Projection projection = responses.projection(ctx);
    Written replaced =
        staff.replace(
            BearerAuth.accountId(ctx),
            ctx.pathParam("id"),
            JsonBody.object(ctx),
            EntityTags.ifMatch(ctx));
    logged(ctx, replaced.resource(), replaced.changes());
    responses.single(ctx, 200, replaced.resource(), projection);
  }

  private void patch(Context ctx) {
    Projection projection = responses.projection(ctx);
    Written patched =
        staff.patch(
            BearerAuth.accountId(ctx),
            ctx.pathParam("id"),
            JsonBody.object(ctx),
            EntityTags.ifMatch(ctx));
    logged(ctx, patched.resource(), patched.changes());
    responses.single(ctx, 200, patched.resource(), projection);
  }

  private void delete(Context ctx) {
    StoredResource retired =
        staff.retire(BearerAuth.accountId(ctx), ctx.pathParam("id"), EntityTags.ifMatch(ctx));
    logged(ctx, retired, List.of());
    ctx.status(204);
  }

  private static void logged(Context ctx, StoredResource resource, List<String> changes) {
    ProvisioningCapture.written(
        ctx, "User", resource.id(), resource.document().path("userName").asText(null), changes);
  }
}
