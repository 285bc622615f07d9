package com.classlark.scim.api;

import com.classlark.scim.directory.School;
import com.classlark.scim.directory.SchoolChange;
import com.classlark.scim.directory.SchoolCounts;
import com.classlark.scim.directory.SchoolScim;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code /api/v1/schools}: list and create schools (support), read one (app), and change its SCIM
 * settings (support).
 */
final class SchoolsRoutes implements ApiRoutes {
  /** The path parameter that names the school in every route about one school. */
  static final String SCHOOL_PARAMETER = "school";

  static final String SCHOOLS = ApiAdapter.PREFIX + "/schools";
  static final String SCHOOL = SCHOOLS + "/{" + SCHOOL_PARAMETER + "}";

  private final Schools schools;

  SchoolsRoutes(Schools schools) {
    this.schools = schools;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(SCHOOLS, this::list);
    routes.post(SCHOOLS, this::create);
    routes.get(SCHOOL, this::get);
    routes.patch(SCHOOL, this::update);
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    schools.list(ApiKeyAuth.caller(ctx)).forEach(school -> items.add(toJson(school)));
    ApiResponses.json(ctx, 200, body);
  }

  private void create(Context ctx) {
    JsonRequest request = JsonRequest.read(ctx, Set.of("name"));
    String name = request.text("name");
    request.done();
    School school = schools.create(ApiKeyAuth.caller(ctx), name);
    ctx.header("Location", SCHOOLS + "/" + school.account().id());
    ApiResponses.json(ctx, 201, toJson(school));
  }

  private void get(Context ctx) {
    ApiResponses.json(
        ctx, 200, toJson(schools.get(ApiKeyAuth.caller(ctx), ctx.pathParam(SCHOOL_PARAMETER))));
  }

  private void update(Context ctx) {
    JsonRequest request = JsonRequest.read(ctx, Set.of("scim"));
    JsonRequest scim = request.object("scim", Set.of("defaultUserType"));
    SchoolChange change =
        scim.has("defaultUserType")
            ? SchoolChange.defaultUserType(scim.text("defaultUserType"))
            : SchoolChange.none();
    request.done();
    ApiResponses.json(
        ctx,
        200,
        toJson(schools.update(ApiKeyAuth.caller(ctx), ctx.pathParam(SCHOOL_PARAMETER), change)));
  }

  static ObjectNode toJson(School school) {
    ObjectNode node = Json.object();
    node.put("id", school.account().id());
    node.put("name", school.account().name());
    node.put("createdAt", ApiResponses.instant(school.account().createdAt()));
    SchoolScim scim = school.scim();
    ObjectNode scimNode = node.putObject("scim");
    scimNode.put("status", scim.status().wireName());
    scimNode.put("activeTokens", scim.activeTokens());
    scimNode.put("lastUsedAt", ApiResponses.instant(scim.lastUsedAt()));
    scimNode.put("defaultUserType", scim.defaultUserType());
    SchoolCounts counts = school.counts();
    if (counts != null) {
      node.putObject("staff")
          .put("total", counts.staffTotal())
          .put("active", counts.staffActive())
          .put("managed", counts.staffManaged());
      node.putObject("groups")
          .put("total", counts.groupsTotal())
          .put("managed", counts.groupsManaged());
    }
    return node;
  }
}
