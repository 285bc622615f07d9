package com.classlark.scim.api;

import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.events.ChangeEvent;
import com.classlark.scim.directory.events.ChangeFeed;
import com.classlark.scim.directory.events.FeedEvent;
import com.classlark.scim.directory.events.FeedPage;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /api/v1/schools/{school}/events} and {@code /api/v1/events}: the change feed of one school
 * or of every school, oldest first after a cursor, optionally as a long poll (issue 15,
 * docs/events.md).
 */
final class EventsRoutes implements ApiRoutes {
  static final String SCHOOL_EVENTS = SchoolsRoutes.SCHOOL + "/events";
  static final String ALL_EVENTS = ApiAdapter.PREFIX + "/events";

  private final ChangeFeed feed;

  EventsRoutes(ChangeFeed feed) {
    this.feed = feed;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(SCHOOL_EVENTS, ctx -> read(ctx, ctx.pathParam(SchoolsRoutes.SCHOOL_PARAMETER)));
    routes.get(ALL_EVENTS, ctx -> read(ctx, null));
  }

  private void read(Context ctx, String school) {
    FeedPage page =
        feed.read(
            ApiKeyAuth.caller(ctx),
            school,
            blankToNull(ctx.queryParam("after")),
            number(ctx.queryParam("limit"), "limit", ChangeFeed.LIMIT_RULE),
            number(ctx.queryParam("wait"), "wait", ChangeFeed.WAIT_RULE));
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    page.events().forEach(event -> items.add(toJson(event)));
    body.put("nextCursor", page.nextCursor());
    ApiResponses.json(ctx, 200, body);
  }

  static ObjectNode toJson(FeedEvent feedEvent) {
    ChangeEvent event = feedEvent.event();
    ObjectNode node = Json.object();
    node.put("id", event.id());
    node.put("type", event.type().wireName());
    node.put("at", ApiResponses.instant(event.at()));
    node.put("school", event.school());
    node.put("resourceId", event.resourceId());
    node.put("source", event.source().wireName());
    node.set("data", event.data());
    node.put("cursor", feedEvent.position().encode());
    return node;
  }

  private static Integer number(String value, String field, String rule) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Problems.validation(List.of(new FieldError(field, rule)));
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
