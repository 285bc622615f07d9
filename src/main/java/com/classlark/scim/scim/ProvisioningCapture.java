package com.classlark.scim.scim;

import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.ApiToken;
import com.classlark.scim.directory.Tokens;
import com.classlark.scim.directory.log.LogEntry;
import com.classlark.scim.directory.log.LogOperation;
import com.classlark.scim.directory.log.LogSink;
import com.classlark.scim.protocol.bulk.BulkMethod;
import com.classlark.scim.protocol.bulk.BulkOperation;
import com.classlark.scim.protocol.bulk.BulkResult;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.web.WebFailure;
import com.classlark.scim.web.WebRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns the SCIM requests of a school into provisioning-log entries (issue 15): one per request
 * that writes (POST, PUT, PATCH, DELETE; each operation of a Bulk request), one per request that
 * fails, reads included; successful reads are not logged. A refused token is logged against its
 * school only when it is a revoked or expired token of that school; other 401s have no school and
 * are only counted in the metrics. Entries go to a {@link LogSink} that never blocks the request.
 *
 * <p>What is kept is what ClassLark answered, never what the client sent: attribute names, not
 * values; the error detail as the client received it, with anything that looks like a SCIM token or
 * an API key cut out.
 */
public final class ProvisioningCapture {
  /** Captures nothing. */
  public static final ProvisioningCapture OFF = new ProvisioningCapture(LogSink.NONE, null);

  private static final String STARTED = "classlark.log.startedNanos";
  private static final String TOKEN = "classlark.log.token";
  private static final String ERROR = "classlark.log.error";
  private static final String WRITTEN = "classlark.log.written";
  private static final String BULK = "classlark.log.bulk";
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> BODY_METHODS = Set.of("POST", "PUT");
  private static final Pattern SECRET =
      Pattern.compile(
          "(" + Pattern.quote(Tokens.PREFIX) + "|" + Pattern.quote(ApiKeys.PREFIX) + ")[\\w-]+");
  // Compiled once: String.replaceAll and a split on "/+" compile their pattern on every call.
  private static final Pattern EDGE_SLASHES = Pattern.compile("^/+|/+$");
  private static final Pattern SLASHES = Pattern.compile("/+");
  private static final int MAX_NAME = 320;
  private static final int MAX_DETAIL = 2000;
  private static final int MAX_PATH = 512;
  private static final int MAX_ID = 128;
  private static final int MAX_SCANNED_BODY = 64 * 1024;

  private final LogSink sink;
  private final Clock clock;

  /** What a successful write changed, as its route reports it. */
  record Written(String resourceType, String resourceId, String name, List<String> changes) {}

  private record BulkRun(List<BulkOperation> operations, List<BulkResult> results) {}

  public ProvisioningCapture(LogSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** Starts capturing a request this adapter owns. */
  void started(Context ctx) {
    if (sink != LogSink.NONE) {
      ctx.attribute(STARTED, System.nanoTime());
    }
  }

  /** True when this request is captured, so that a route computes what its write changed. */
  static boolean capturing(Context ctx) {
    return ctx.attribute(STARTED) != null;
  }

  /** The token the request presented, accepted or refused. */
  static void token(Context ctx, ApiToken token) {
    ctx.attribute(TOKEN, token);
  }

  /** The error the client receives. */
  static void error(Context ctx, ScimException error) {
    ctx.attribute(ERROR, error);
  }

  /** What a successful single-resource write did. */
  static void written(
      Context ctx, String resourceType, String resourceId, String name, List<String> changes) {
    if (capturing(ctx)) {
      ctx.attribute(WRITTEN, new Written(resourceType, resourceId, name, changes));
    }
  }

  /** The operations of a Bulk request and their results, one entry each. */
  static void bulk(Context ctx, List<BulkOperation> operations, List<BulkResult> results) {
    if (capturing(ctx)) {
      ctx.attribute(BULK, new BulkRun(operations, results));
    }
  }

  /** After the response: submits the request's entries, if it wrote or failed. */
  void finished(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) {
      return;
    }
    int status = ctx.statusCode();
    String method = ctx.method().name();
    if (status < 400 && !WRITE_METHODS.contains(method)) {
      return; // a successful read, the common case: nothing to log, nothing to work out
    }
    ApiToken token = ctx.attribute(TOKEN);
    String school = WebRequest.schoolOrNull(ctx);
    if (school == null && token != null && !token.usableAt(clock.instant())) {
      school = token.accountId();
    }
    if (school == null) {
      return;
    }
    String path = ctx.path();
    Target target = Target.of(path);
    boolean search = target.search();
    if (status < 400 && (search || !WRITE_METHODS.contains(method))) {
      return;
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Common common =
        new Common(
            school,
            at,
            method,
            cut(path, MAX_PATH),
            token,
            WebRequest.correlationId(ctx),
            durationMs,
            clientRequestId(ctx));
    BulkRun bulk = ctx.attribute(BULK);
    if (target.bulk() && bulk != null && status < 400) {
      for (BulkResult result : bulk.results()) {
        sink.submit(bulkEntry(common, bulk.operations(), result));
      }
      return;
    }
    LogOperation operation =
        search
            ? LogOperation.READ
            : target.bulk() ? LogOperation.BULK : LogOperation.ofMethod(method);
    ScimException error = ctx.attribute(ERROR);
    WebFailure failure = WebRequest.failureOrNull(ctx);
    if (error == null && failure != null) {
      error = ScimAdapter.asScimError(failure, path);
    }
    Written written = ctx.attribute(WRITTEN);
    if (status < 400 && written != null) {
      sink.submit(
          common.entry(
              operation,
              written.resourceType(),
              cut(written.resourceId(), MAX_ID),
              redacted(written.name(), MAX_NAME),
              status,
              null,
              null,
              written.changes()));
      return;
    }
    sink.submit(
        common.entry(
            operation,
            target.resourceType(),
            target.resourceId(),
            status >= 400 ? nameInBody(ctx, method, target, status) : null,
            status,
            error == null ? null : error.scimType().map(ScimType::keyword).orElse(null),
            error == null ? null : redacted(error.detail(), MAX_DETAIL),
            List.of()));
  }

  /**
   * One operation of a Bulk request: its own method and outcome, under the path {@code /Bulk}. The
   * operation is found by its bulkId to name the resource of a POST that created nothing.
   */
  private LogEntry bulkEntry(Common common, List<BulkOperation> operations, BulkResult result) {
    Target target = result.resourcePath() == null ? null : Target.of(result.resourcePath());
    BulkOperation operation =
        operations.stream()
            .filter(
                op ->
                    op.method() == result.method()
                        && op.bulkId() != null
                        && op.bulkId().equals(result.bulkId()))
            .findFirst()
            .orElse(null);
    String resourceType = target == null ? null : target.resourceType();
    if (resourceType == null && operation != null) {
      resourceType = singular(operation.type().endpoint());
    }
    String name = null;
    if (operation != null && operation.method() == BulkMethod.POST && operation.data() != null) {
      JsonNode named =
          operation.data().path("User".equals(resourceType) ? "userName" : "displayName");
      name = named.isTextual() ? redacted(named.asText(), MAX_NAME) : null;
    }
    ScimException error = result.error();
    return common
        .withMethod(result.method().name())
        .entry(
            LogOperation.ofMethod(result.method().name()),
            resourceType,
            target == null ? null : target.resourceId(),
            name,
            result.status(),
            error == null ? null : error.scimType().map(ScimType::keyword).orElse(null),
            error == null ? null : redacted(error.detail(), MAX_DETAIL),
            result.changes());
  }

  /**
   * The {@code userName} or {@code displayName} a refused POST or PUT named, so that the school
   * sees which user did not sync: the school's own data, read from a small body only.
   */
  private static String nameInBody(Context ctx, String method, Target target, int status) {
    if (!BODY_METHODS.contains(method)
        || target.resourceType() == null
        || status == 413
        || status == 415
        || ctx.contentLength() > MAX_SCANNED_BODY) {
      return null;
    }
    try {
      JsonNode body = Json.parse(ctx.bodyAsBytes());
      JsonNode name = body.path(target.resourceType().equals("User") ? "userName" : "displayName");
      return name.isTextual() ? redacted(name.asText(), MAX_NAME) : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static String clientRequestId(Context ctx) {
    String id = ctx.header("X-Request-Id");
    if (id == null) {
      id = ctx.header("client-request-id");
    }
    return id == null ? null : redacted(id, MAX_ID);
  }

  /** The text without anything that looks like a SCIM token or an API key, cut to a length. */
  static String redacted(String text, int max) {
    if (text == null) {
      return null;
    }
    return cut(SECRET.matcher(text).replaceAll("$1[redacted]"), max);
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static String singular(String endpoint) {
    return switch (endpoint) {
      case "/Users" -> "User";
      case "/Groups" -> "Group";
      default -> null;
    };
  }

  /** What a SCIM path names: {@code /Users/{id}}, {@code /Groups}, {@code /Bulk}, a search. */
  private record Target(String resourceType, String resourceId, boolean bulk, boolean search) {
    static Target of(String path) {
      String rest =
          path.startsWith(BaseUrl.SCIM_PREFIX + "/")
              ? path.substring(BaseUrl.SCIM_PREFIX.length())
              : path;
      String[] segments = SLASHES.split(EDGE_SLASHES.matcher(rest).replaceAll(""));
      String first = segments.length == 0 ? "" : segments[0];
      boolean search = segments[segments.length - 1].equals(".search");
      String type = singular("/" + first);
      String id = type != null && segments.length == 2 && !search ? cut(segments[1], MAX_ID) : null;
      return new Target(
          type, id, segments.length == 1 && first.toLowerCase(Locale.ROOT).equals("bulk"), search);
    }
  }

  /** What every entry of one request shares. */
  private record Common(
      String school,
      Instant at,
      String method,
      String path,
      ApiToken token,
      String correlationId,
      long durationMs,
      String clientRequestId) {
    Common withMethod(String otherMethod) {
      return new Common(
          school, at, otherMethod, path, token, correlationId, durationMs, clientRequestId);
    }

    LogEntry entry(
        LogOperation operation,
        String resourceType,
        String resourceId,
        String resourceName,
        int status,
        String scimType,
        String detail,
        List<String> changes) {
      return new LogEntry(
          UUID.randomUUID().toString(),
          school,
          at,
          method,
          path,
          operation,
          resourceType,
          resourceId,
          resourceName,
          status,
          scimType,
          detail,
          changes,
          token == null ? null : token.id(),
          token == null ? null : token.prefix(),
          correlationId,
          durationMs,
          clientRequestId);
    }
  }
}
