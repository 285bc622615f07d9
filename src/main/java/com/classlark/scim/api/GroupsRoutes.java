package com.classlark.scim.api;

import com.classlark.scim.directory.SectionMember;
import com.classlark.scim.directory.section.GroupSection;
import com.classlark.scim.directory.section.StaffGroup;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/v1/schools/{school}/groups}: the school's staff groups (app) and support's release of
 * one. A group's members come a page at a time ({@code membersLimit}, {@code membersCursor}) or not
 * at all ({@code members=false}), so a group of 100,000 members stays cheap to read.
 */
final class GroupsRoutes implements ApiRoutes {
  static final String GROUPS = SchoolsRoutes.SCHOOL + "/groups";
  private static final String ONE = GROUPS + "/{group}";

  private final GroupSection section;

  GroupsRoutes(GroupSection section) {
    this.section = section;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(GROUPS, this::list);
    routes.post(GROUPS, this::create);
    routes.get(ONE, this::get);
    routes.patch(ONE, this::edit);
    routes.delete(ONE, this::remove);
    routes.post(ONE + "/release", this::release);
  }

  private static String school(Context ctx) {
    return ctx.pathParam(SchoolsRoutes.SCHOOL_PARAMETER);
  }

  private void list(Context ctx) {
    GroupSection.Listing listing =
        section.list(
            ApiKeyAuth.caller(ctx), school(ctx), ctx.queryParam("limit"), ctx.queryParam("cursor"));
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    listing.items().forEach(group -> items.add(toJson(group)));
    body.put("nextCursor", listing.nextCursor());
    ApiResponses.json(ctx, 200, body);
  }

  private void create(Context ctx) {
    GroupSection.Detail created =
        section.create(ApiKeyAuth.caller(ctx), school(ctx), JsonRequest.object(ctx));
    ctx.header("Location", GROUPS.replace("{school}", school(ctx)) + "/" + created.group().id());
    respond(ctx, 201, created.group(), toJson(created.group()));
  }

  private void get(Context ctx) {
    GroupSection.Detail detail =
        section.get(
            ApiKeyAuth.caller(ctx),
            school(ctx),
            ctx.pathParam("group"),
            new GroupSection.MemberParameters(
                ctx.queryParam("members"),
                ctx.queryParam("membersLimit"),
                ctx.queryParam("membersCursor")));
    ObjectNode body = toJson(detail.group());
    if (detail.members() != null) {
      ArrayNode members = body.putArray("members");
      for (SectionMember member : detail.members()) {
        members
            .addObject()
            .put("id", member.id())
            .put("email", member.email())
            .put("givenName", member.givenName())
            .put("familyName", member.familyName());
      }
      body.put("nextMembersCursor", detail.nextMembersCursor());
    }
    respond(ctx, 200, detail.group(), body);
  }

  private void edit(Context ctx) {
    StaffGroup group =
        section.edit(
            ApiKeyAuth.caller(ctx),
            school(ctx),
            ctx.pathParam("group"),
            JsonRequest.object(ctx),
            ctx.header("If-Match"));
    respond(ctx, 200, group, toJson(group));
  }

  private void remove(Context ctx) {
    section.remove(
        ApiKeyAuth.caller(ctx), school(ctx), ctx.pathParam("group"), ctx.header("If-Match"));
    ctx.status(204);
  }

  private void release(Context ctx) {
    StaffGroup group = section.release(ApiKeyAuth.caller(ctx), school(ctx), ctx.pathParam("group"));
    respond(ctx, 200, group, toJson(group));
  }

  private static void respond(Context ctx, int status, StaffGroup group, ObjectNode body) {
    ctx.header("ETag", group.version());
    ApiResponses.json(ctx, status, body);
  }

  static ObjectNode toJson(StaffGroup group) {
    ObjectNode node = Json.object();
    node.put("id", group.id());
    node.put("displayName", group.displayName());
    node.put("externalId", group.externalId());
    node.put("managedBy", group.managedBy());
    node.put("memberCount", group.memberCount());
    node.put("createdAt", ApiResponses.instant(group.createdAt()));
    node.put("lastModified", ApiResponses.instant(group.lastModified()));
    node.put("version", group.version());
    return node;
  }
}
