package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /.search} (RFC 7644 §3.4.3): one query over Users and Groups together. Users come
 * first, then Groups; index paging runs across both. A filter that names attributes one resource
 * type lacks selects nothing of that type. Cursor pagination is offered per resource type, not
 * here.
 */
public final class RootSearchRoutes implements ScimRoutes {
  private final List<ResourceListing> listings;

  public RootSearchRoutes(UsersRoutes users, GroupsRoutes groups) {
    this.listings = List.of(users.listing(), groups.listing());
  }

  @Override
  public void register(ScimRouter router) {
    router.post("/.search", this::search);
  }

  private void search(Context ctx) {
    ListQuery query = ListQuery.fromSearchRequest(JsonBody.object(ctx));
    if (query.cursor() != null) {
      throw ScimException.invalidValue(
          "cursor pagination is offered on /Users/.search and /Groups/.search, not on /.search");
    }
    int startIndex = Math.max(ListQuery.integer("startIndex", query.startIndex(), 1), 1);
    int count = ListQuery.integer("count", query.count(), Integer.MAX_VALUE);
    List<Applicable> applicable = new ArrayList<>();
    ScimException firstRefusal = null;
    for (ResourceListing listing : listings) {
      try {
        applicable.add(new Applicable(listing, listing.resolvedFilter(query.filter())));
      } catch (ScimException refusal) {
        firstRefusal = firstRefusal == null ? refusal : firstRefusal;
      }
    }
    if (applicable.isEmpty()) {
      throw firstRefusal;
    }
    long total = 0;
    int skip = startIndex - 1;
    int remaining = count;
    ArrayNode resources = Json.MAPPER.createArrayNode();
    for (Applicable type : applicable) {
      // One query per resource type: its page (possibly empty) also carries its total.
      JsonNode page =
          type.listing().page(ctx, withPaging(query, skip + 1, remaining), type.filter());
      long typeTotal = page.path("totalResults").asLong();
      total += typeTotal;
      int before = resources.size();
      page.path("Resources").forEach(resources::add);
      remaining = Math.max(0, remaining - (resources.size() - before));
      skip = (int) Math.max(0, skip - typeTotal);
    }
    ObjectNode body = Json.object();
    body.putArray("schemas").add(ResourceListing.LIST_RESPONSE);
    body.put("totalResults", total);
    body.put("itemsPerPage", resources.size());
    body.put("startIndex", startIndex);
    if (count > 0) {
      body.set("Resources", resources);
    }
    ScimResponses.json(ctx, 200, body);
  }

  /** A resource type whose attributes the filter names, with the filter resolved for it. */
  private record Applicable(ResourceListing listing, Filter filter) {}

  private static ListQuery withPaging(ListQuery query, int startIndex, int count) {
    return new ListQuery(
        query.filter(),
        query.sortBy(),
        query.sortOrder(),
        Integer.toString(startIndex),
        Integer.toString(count),
        null,
        query.attributes(),
        query.excludedAttributes());
  }
}
