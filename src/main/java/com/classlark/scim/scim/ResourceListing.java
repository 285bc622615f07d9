package com.classlark.scim.scim;

import com.classlark.scim.directory.CursorMismatchException;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.FilterRenderer;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResolvedAttribute;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Queries of one resource type (RFC 7644 §3.4.2, §3.4.3; cursors per RFC 9865): parses filter, sort
 * and paging, asks the directory for one page and writes the ListResponse.
 */
final class ResourceListing {
  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  private final ResourceTypeDefinition type;
  private final BiFunction<String, ListRequest, ListPage> lister;
  private final Cursors cursors;
  private final QuerySettings settings;
  private final FilterParser parser;
  private final Renderer renderer;
  private final Writer writer;

  /** Renders one listed resource as the response carries it. */
  @FunctionalInterface
  interface Renderer {
    ObjectNode render(Context ctx, StoredResource resource, Projection projection);
  }

  /** Writes one listed resource straight into the response. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator out, Context ctx, StoredResource resource, Projection projection)
        throws IOException;
  }

  ResourceListing(
      ResourceTypeDefinition type,
      BiFunction<String, ListRequest, ListPage> lister,
      ResourceResponses responses,
      Cursors cursors,
      QuerySettings settings) {
    this(
        type,
        lister,
        cursors,
        settings,
        (ctx, resource, projection) -> projection.apply(responses.full(ctx, resource)),
        null);
  }

  /**
   * @param writer streams one resource into a response; null to write the renderer's tree
   */
  ResourceListing(
      ResourceTypeDefinition type,
      BiFunction<String, ListRequest, ListPage> lister,
      Cursors cursors,
      QuerySettings settings,
      Renderer renderer,
      Writer writer) {
    this.type = type;
    this.lister = lister;
    this.cursors = cursors;
    this.settings = settings;
    this.parser = new FilterParser(settings.filterLimits());
    this.renderer = renderer;
    this.writer =
        writer != null
            ? writer
            : (out, ctx, resource, projection) ->
                Json.MAPPER.writeTree(out, renderer.render(ctx, resource, projection));
  }

  /** GET on the resource endpoint. */
  void list(Context ctx) {
    respond(ctx, ListQuery.fromQueryString(ctx));
  }

  /** POST {endpoint}/.search. */
  void search(Context ctx) {
    respond(ctx, ListQuery.fromSearchRequest(JsonBody.object(ctx)));
  }

  /** One answered query: the page, and the ListResponse members around its resources. */
  private record Answer(
      ObjectNode head,
      List<StoredResource> resources,
      Projection projection,
      boolean withResources) {}

  /**
   * @param filter the query's filter, resolved once by the caller ({@link #resolvedFilter}); null
   *     for none
   */
  private Answer answer(Context ctx, ListQuery query, Filter filter) {
    Projection projection = Projection.of(type, query.attributes(), query.excludedAttributes());
    ListRequest.Sort sort = sort(query);
    int count =
        Math.min(
            Math.max(ListQuery.integer("count", query.count(), settings.defaultPageSize()), 0),
            settings.maxPageSize());
    String accountId = BearerAuth.accountId(ctx);
    String fingerprint = fingerprint(filter, sort);
    ListRequest.Paging paging;
    int startIndex = 1;
    if (query.cursor() != null) {
      if (query.startIndex() != null) {
        throw ScimException.invalidValue("Use either cursor or startIndex, not both.");
      }
      paging =
          new ListRequest.Paging.Cursor(
              query.cursor().isEmpty()
                  ? null
                  : cursors.decode(accountId, fingerprint, query.cursor()));
    } else {
      startIndex = Math.max(ListQuery.integer("startIndex", query.startIndex(), 1), 1);
      paging = new ListRequest.Paging.Index(startIndex);
    }
    ListPage page;
    try {
      page = lister.apply(accountId, new ListRequest(filter, sort, count, paging));
    } catch (CursorMismatchException e) {
      throw ScimException.invalidCursor(
          "The cursor does not fit this query; start again with cursor= (empty).");
    }
    ObjectNode head = Json.object();
    head.putArray("schemas").add(LIST_RESPONSE);
    head.put("totalResults", page.totalResults());
    head.put("itemsPerPage", page.resources().size());
    if (paging instanceof ListRequest.Paging.Index) {
      head.put("startIndex", startIndex);
    }
    if (page.first() != null) {
      head.put("previousCursor", cursors.encode(accountId, fingerprint, page.first()));
    }
    if (page.next() != null) {
      head.put("nextCursor", cursors.encode(accountId, fingerprint, page.next()));
    }
    return new Answer(head, page.resources(), projection, count > 0);
  }

  /**
   * The ListResponse for a query, as one tree (for {@code POST /.search}, which merges two).
   *
   * @param filter the query's filter as {@link #resolvedFilter} resolved it for this type
   */
  ObjectNode page(Context ctx, ListQuery query, Filter filter) {
    Answer answer = answer(ctx, query, filter);
    ObjectNode body = answer.head();
    if (answer.withResources()) {
      ArrayNode resources = body.putArray("Resources");
      for (StoredResource resource : answer.resources()) {
        resources.add(renderer.render(ctx, resource, answer.projection()));
      }
    }
    return body;
  }

  /**
   * Writes the ListResponse resource by resource, so a page of large groups never sits in memory.
   */
  private void respond(Context ctx, ListQuery query) {
    Answer answer = answer(ctx, query, resolvedFilter(query.filter()));
    ctx.status(200);
    ctx.contentType(ScimMediaType.RESPONSE_CONTENT_TYPE);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
      out.writeStartObject();
      for (var fields = answer.head().fields(); fields.hasNext(); ) {
        var field = fields.next();
        out.writeFieldName(field.getKey());
        Json.MAPPER.writeTree(out, field.getValue());
      }
      if (answer.withResources()) {
        out.writeArrayFieldStart("Resources");
        for (StoredResource resource : answer.resources()) {
          writer.write(out, ctx, resource, answer.projection());
        }
        out.writeEndArray();
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The filter resolved against this resource type, or null without one. */
  Filter resolvedFilter(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.indexOf('\0') >= 0) {
      throw ScimException.invalidFilter("filter must not contain the NUL character (U+0000)");
    }
    return FilterResolver.resolve(type, parser.parseFilter(text));
  }

  private ListRequest.Sort sort(ListQuery query) {
    boolean descending = query.descending();
    if (query.sortBy() == null || query.sortBy().isBlank()) {
      return null;
    }
    PathExpression path;
    try {
      path = parser.parsePath(query.sortBy().strip());
    } catch (ScimException e) {
      throw ScimException.invalidValue("sortBy must name an attribute: " + e.detail());
    }
    AttrPath attribute = path.attribute();
    ResolvedAttribute resolved =
        path.valueFilter() != null ? null : type.resolve(attribute).orElse(null);
    if (resolved == null || (resolved.target().isComplex())) {
      throw ScimException.invalidValue(
          "sortBy '"
              + query.sortBy()
              + "' names no sortable attribute of "
              + type.name()
              + " resources");
    }
    return new ListRequest.Sort(resolved, descending);
  }

  private String fingerprint(Filter filter, ListRequest.Sort sort) {
    return type.name()
        + "|"
        + (filter == null ? "" : FilterRenderer.render(filter))
        + "|"
        + (sort == null
            ? ""
            : sort.attribute().canonicalPath() + (sort.descending() ? " desc" : " asc"));
  }
}
