package com.classlark.scim.api;

import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.directory.section.SchoolRelease;
import com.classlark.scim.directory.section.StaffMember;
import com.classlark.scim.directory.section.StaffSection;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/v1/schools/{school}/staff}: the Staff section (app) and support's releases, of one
 * staff member and of the whole school. A Staff is the record SCIM serves, with the same version as
 * its {@code ETag}.
 */
final class StaffRoutes implements ApiRoutes {
  static final String STAFF = SchoolsRoutes.SCHOOL + "/staff";
  private static final String ONE = STAFF + "/{staff}";

  private final StaffSection section;
  private final SchoolRelease schoolRelease;

  StaffRoutes(StaffSection section, SchoolRelease schoolRelease) {
    this.section = section;
    this.schoolRelease = schoolRelease;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(STAFF, this::list);
    routes.post(STAFF, this::create);
    routes.get(ONE, this::get);
    routes.patch(ONE, this::edit);
    routes.delete(ONE, this::remove);
    routes.post(ONE + "/release", this::release);
    routes.post(SchoolsRoutes.SCHOOL + "/release", this::releaseSchool);
  }

  private static String school(Context ctx) {
    return ctx.pathParam(SchoolsRoutes.SCHOOL_PARAMETER);
  }

  private void list(Context ctx) {
    StaffSection.Listing listing =
        section.list(
            ApiKeyAuth.caller(ctx),
            school(ctx),
            new StaffSection.ListParameters(
                ctx.queryParam("q"),
                ctx.queryParam("active"),
                ctx.queryParam("managed"),
                ctx.queryParam("limit"),
                ctx.queryParam("cursor")));
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    listing.items().forEach(member -> items.add(toJson(member)));
    body.put("nextCursor", listing.nextCursor());
    ApiResponses.json(ctx, 200, body);
  }

  private void create(Context ctx) {
    StaffMember created =
        section.create(ApiKeyAuth.caller(ctx), school(ctx), JsonRequest.object(ctx));
    ctx.header("Location", STAFF.replace("{school}", school(ctx)) + "/" + created.id());
    respond(ctx, 201, created);
  }

  private void get(Context ctx) {
    respond(ctx, 200, section.get(ApiKeyAuth.caller(ctx), school(ctx), ctx.pathParam("staff")));
  }

  private void edit(Context ctx) {
    respond(
        ctx,
        200,
        section.edit(
            ApiKeyAuth.caller(ctx),
            school(ctx),
            ctx.pathParam("staff"),
            JsonRequest.object(ctx),
            ctx.header("If-Match")));
  }

  private void remove(Context ctx) {
    section.remove(
        ApiKeyAuth.caller(ctx), school(ctx), ctx.pathParam("staff"), ctx.header("If-Match"));
    ctx.status(204);
  }

  private void release(Context ctx) {
    respond(ctx, 200, section.release(ApiKeyAuth.caller(ctx), school(ctx), ctx.pathParam("staff")));
  }

  private void releaseSchool(Context ctx) {
    ReleasedCounts counts = schoolRelease.release(ApiKeyAuth.caller(ctx), school(ctx));
    ObjectNode body = Json.object();
    body.put("staff", counts.staff());
    body.put("groups", counts.groups());
    ApiResponses.json(ctx, 200, body);
  }

  private static void respond(Context ctx, int status, StaffMember member) {
    ctx.header("ETag", member.version());
    ApiResponses.json(ctx, status, toJson(member));
  }

  static ObjectNode toJson(StaffMember member) {
    return member.toJson();
  }
}
