package com.classlark.scim.api;

import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.IssuedToken;
import com.classlark.scim.directory.RegeneratedToken;
import com.classlark.scim.directory.RetiringToken;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.ScimAccess;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code /api/v1/schools/{school}/scim/…}: support's control of a school's SCIM access: its tokens
 * (list, issue, revoke), regeneration and disabling SCIM.
 */
final class ScimAccessRoutes implements ApiRoutes {
  private static final String SCIM = SchoolsRoutes.SCHOOL + "/scim";
  private static final String TOKENS = SCIM + "/tokens";

  private final ScimAccess access;
  private final Schools schools;
  private final Clock clock;

  ScimAccessRoutes(ScimAccess access, Schools schools, Clock clock) {
    this.access = access;
    this.schools = schools;
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(TOKENS, this::list);
    routes.post(TOKENS, this::issue);
    routes.delete(TOKENS + "/{token}", this::revoke);
    routes.post(SCIM + "/regenerate", this::regenerate);
    routes.post(SCIM + "/disable", this::disable);
  }

  private static String school(Context ctx) {
    return ctx.pathParam(SchoolsRoutes.SCHOOL_PARAMETER);
  }

  private void list(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    Instant now = clock.instant();
    access
        .list(ApiKeyAuth.caller(ctx), school(ctx))
        .forEach(token -> items.add(toJson(token, now)));
    ApiResponses.json(ctx, 200, body);
  }

  private void issue(Context ctx) {
    JsonRequest request = JsonRequest.read(ctx, Set.of("label", "expiresIn"));
    String label = request.text("label");
    Long expiresIn = request.integer("expiresIn");
    request.done();
    IssuedToken issued =
        access.issue(
            ApiKeyAuth.caller(ctx),
            school(ctx),
            label,
            expiresIn == null ? null : Duration.ofSeconds(expiresIn));
    ctx.header("Location", ctx.path() + "/" + issued.token().id());
    ApiResponses.json(ctx, 201, issuedJson(issued));
  }

  private void revoke(Context ctx) {
    access.revoke(ApiKeyAuth.caller(ctx), school(ctx), ctx.pathParam("token"));
    ctx.status(204);
  }

  private void regenerate(Context ctx) {
    JsonRequest request = JsonRequest.read(ctx, Set.of("graceSeconds"));
    Long graceSeconds = request.integer("graceSeconds");
    request.done();
    RegeneratedToken regenerated =
        access.regenerate(
            ApiKeyAuth.caller(ctx),
            school(ctx),
            Duration.ofSeconds(graceSeconds == null ? 0 : graceSeconds));
    ObjectNode body = issuedJson(regenerated.issued());
    ArrayNode retiring = body.putArray("retiring");
    for (RetiringToken token : regenerated.retiring()) {
      retiring
          .addObject()
          .put("id", token.id())
          .put("expiresAt", ApiResponses.instant(token.expiresAt()));
    }
    ApiResponses.json(ctx, 201, body);
  }

  private void disable(Context ctx) {
    JsonRequest.read(ctx, Set.of()).done();
    Caller caller = ApiKeyAuth.caller(ctx);
    access.disable(caller, school(ctx));
    ApiResponses.json(ctx, 200, SchoolsRoutes.toJson(schools.get(caller, school(ctx))));
  }

  private ObjectNode issuedJson(IssuedToken issued) {
    ObjectNode node = toJson(issued.token(), clock.instant());
    node.put("token", issued.secret());
    return node;
  }

  /** A token as support sees it: never the secret, only its first characters. */
  static ObjectNode toJson(ApiToken token, Instant now) {
    ObjectNode node = Json.object();
    node.put("id", token.id());
    node.put("prefix", token.prefix());
    node.put("label", token.label());
    node.put("status", status(token, now));
    node.put("createdAt", ApiResponses.instant(token.createdAt()));
    node.put("expiresAt", ApiResponses.instant(token.expiresAt()));
    node.put("revokedAt", ApiResponses.instant(token.revokedAt()));
    node.put("lastUsedAt", ApiResponses.instant(token.lastUsedAt()));
    return node;
  }

  private static String status(ApiToken token, Instant now) {
    if (token.revokedAt() != null) {
      return "revoked";
    }
    return token.usableAt(now) ? "active" : "expired";
  }
}
