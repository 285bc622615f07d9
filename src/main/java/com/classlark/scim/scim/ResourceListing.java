package com.classlark.scim.scim;

import com.classlark.scim.directory.CursorMismatchException;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StoredDocument;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.filter.FilterRenderer;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.filter.PathExpression;
import com.classlark.scim.protocol.filter.ScimValue;
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
import java.util.Optional;
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
  private final ResourceResponses responses;
  private final EqualityLookup lookup;

  /** Renders one listed resource as the response carries it. */
  @FunctionalInterface
  interface Renderer {
    ObjectNode render(Context ctx, StoredResource resource, Projection projection);
  }

  /**
   * Finds what an equality filter on one attribute matches without the listing's machinery (the
   * identity providers' lookups by userName or externalId).
   */
  @FunctionalInterface
  interface EqualityLookup {
    /**
     * The live resources whose attribute at {@code path} equals {@code value} as the filter
     * compares it, in the listing's default order, at most {@code limit}; empty for an attribute it
     * does not look up.
     */
    Optional<List<StoredDocument>> find(String accountId, AttrPath path, String value, int limit);
  }

  /** Writes the resources of a ListResponse into it. */
  @FunctionalInterface
  private interface ResourcesWriter {
    void write(JsonGenerator out) throws IOException;
  }

  /** Writes one listed resource straight into the response. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator out, Context ctx, StoredResource resource, Projection projection)
        throws IOException;
  }

  /**
   * @param lookup answers plain equality filters on the attributes it knows, the default projection
   *     written from the stored text by {@code responses}; null for none
   */
  ResourceListing(
      ResourceTypeDefinition type,
      BiFunction<String, ListRequest, ListPage> lister,
      ResourceResponses responses,
      Cursors cursors,
      QuerySettings settings,
      EqualityLookup lookup) {
    this(
        type,
        lister,
        cursors,
        settings,
        (ctx, resource, projection) -> projection.apply(responses.full(ctx, resource)),
        null,
        responses,
        lookup);
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
    this(type, lister, cursors, settings, renderer, writer, null, null);
  }

  private ResourceListing(
      ResourceTypeDefinition type,
      BiFunction<String, ListRequest, ListPage> lister,
      Cursors cursors,
      QuerySettings settings,
      Renderer renderer,
      Writer writer,
      ResourceResponses responses,
      EqualityLookup lookup) {
    this.responses = responses;
    this.lookup = lookup;
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
    int count = pageSize(query);
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
    ObjectNode head =
        head(
            page.totalResults(),
            page.resources().size(),
            paging instanceof ListRequest.Paging.Index ? startIndex : null);
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

  /** The members of a ListResponse before its resources; {@code startIndex} null for a cursor. */
  private static ObjectNode head(long totalResults, int itemsPerPage, Integer startIndex) {
    ObjectNode head = Json.object();
    head.putArray("schemas").add(LIST_RESPONSE);
    head.put("totalResults", totalResults);
    head.put("itemsPerPage", itemsPerPage);
    if (startIndex != null) {
      head.put("startIndex", startIndex);
    }
    return head;
  }

  /** The page size a query asks for, within the settings. */
  private int pageSize(ListQuery query) {
    return Math.min(
        Math.max(ListQuery.integer("count", query.count(), settings.defaultPageSize()), 0),
        settings.maxPageSize());
  }

  /**
   * Writes the ListResponse resource by resource, so a page of large groups never sits in memory.
   */
  private void respond(Context ctx, ListQuery query) {
    Filter filter = resolvedFilter(query.filter());
    if (lookup != null && lookedUp(ctx, query, filter)) {
      return;
    }
    Answer answer = answer(ctx, query, filter);
    write(
        ctx,
        answer.head(),
        answer.withResources()
            ? out -> {
              for (StoredResource resource : answer.resources()) {
                writer.write(out, ctx, resource, answer.projection());
              }
            }
            : null);
  }

  /**
   * Answers a query that is one equality filter and nothing else but paging from the first
   * resource, as identity providers look a user up ({@code filter=userName eq "…"}, Okta's with
   * {@code startIndex=1&count=100}), through {@link #lookup}: no count, no SQL built per request,
   * and each resource written from its stored text. The ListResponse is the general path's; a match
   * larger than a page, a query with anything more and an attribute the lookup does not know are
   * left to it (false).
   */
  private boolean lookedUp(Context ctx, ListQuery query, Filter filter) {
    if (!(filter instanceof Filter.Compare(var path, var op, var value))
        || op != CompareOp.EQ
        || !(value instanceof ScimValue.Str(var text))
        || !blank(query.sortBy())
        || query.sortOrder() != null
        || query.cursor() != null
        || !blank(query.attributes())
        || !blank(query.excludedAttributes())) {
      return false;
    }
    int count = pageSize(query);
    int startIndex = Math.max(ListQuery.integer("startIndex", query.startIndex(), 1), 1);
    if (count == 0 || startIndex != 1) {
      return false;
    }
    Optional<List<StoredDocument>> found =
        lookup.find(BearerAuth.accountId(ctx), path, text, count + 1);
    if (found.isEmpty() || found.get().size() > count) {
      return false;
    }
    List<StoredDocument> resources = found.get();
    Projection projection = Projection.of(type, null, null);
    write(
        ctx,
        head(resources.size(), resources.size(), startIndex),
        out -> {
          for (StoredDocument resource : resources) {
            Optional<String> spliced = responses.splicedText(ctx, resource);
            if (spliced.isPresent()) {
              out.writeRawValue(spliced.get());
            } else {
              writer.write(out, ctx, resource.parsed(), projection);
            }
          }
        });
    return true;
  }

  private static boolean blank(String parameter) {
    return parameter == null || parameter.isBlank();
  }

  /** Writes a ListResponse: {@code head}'s members, then its resources unless null. */
  private static void write(Context ctx, ObjectNode head, ResourcesWriter resources) {
    ctx.status(200);
    ctx.contentType(ScimMediaType.RESPONSE_CONTENT_TYPE);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
      out.writeStartObject();
      for (var fields = head.fields(); fields.hasNext(); ) {
        var field = fields.next();
        out.writeFieldName(field.getKey());
        Json.MAPPER.writeTree(out, field.getValue());
      }
      if (resources != null) {
        out.writeArrayFieldStart("Resources");
        resources.write(out);
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
