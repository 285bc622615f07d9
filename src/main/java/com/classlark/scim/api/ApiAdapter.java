package com.classlark.scim.api;

import com.classlark.scim.directory.ApiKeys;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.ScimAccess;
import com.classlark.scim.directory.events.ChangeFeed;
import com.classlark.scim.directory.log.ProvisioningLog;
import com.classlark.scim.directory.section.GroupSection;
import com.classlark.scim.directory.section.SchoolRelease;
import com.classlark.scim.directory.section.StaffSection;
import com.classlark.scim.web.ErrorBody;
import com.classlark.scim.web.WebAdapter;
import com.classlark.scim.web.WebFailure;
import com.classlark.scim.web.WebRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The directory API at {@code /api/v1} as an adapter of the one server: JSON in and out, API-key
 * authentication ({@link ApiKeyAuth}), and every error of a request it owns, whether a directory
 * refusal, a refusal of its own or a failure the server detected, as an RFC 9457 problem document
 * ({@link ProblemDocuments}).
 */
public final class ApiAdapter implements WebAdapter {
  /** The path prefix the directory API owns. */
  public static final String PREFIX = "/api/v1";

  private static final Set<HandlerType> BODY_METHODS =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH);
  private static final Set<String> JSON_TYPES = Set.of("application/json");
  private static final Set<String> PATCH_TYPES =
      Set.of("application/json", "application/merge-patch+json");

  private final ApiKeyAuth auth;
  private final List<ApiRoutes> routes;

  /** The adapter with the given route groups (tests add their own). */
  ApiAdapter(ApiKeys keys, List<ApiRoutes> routes) {
    this.auth = new ApiKeyAuth(keys);
    this.routes = List.copyOf(routes);
  }

  /** The adapter with every route group of the directory API. */
  public static ApiAdapter create(
      ApiKeys keys,
      Schools schools,
      ScimAccess scimAccess,
      StaffSection staffSection,
      GroupSection groupSection,
      SchoolRelease schoolRelease,
      ProvisioningLog provisioningLog,
      ChangeFeed changeFeed,
      Clock clock) {
    return new ApiAdapter(
        keys,
        List.of(
            new SchoolsRoutes(schools),
            new ScimAccessRoutes(scimAccess, schools, clock),
            new StaffRoutes(staffSection, schoolRelease),
            new GroupsRoutes(groupSection),
            new ProvisioningLogRoutes(provisioningLog, clock),
            new EventsRoutes(changeFeed)));
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(PREFIX);
  }

  @Override
  public void register(RoutesConfig config) {
    routes.forEach(group -> group.register(config));
  }

  /** Refuses a body in a media type the API does not read, before anything else happens. */
  @Override
  public void before(Context ctx) {
    String contentType = ctx.contentType();
    if (!BODY_METHODS.contains(ctx.method()) || contentType == null) {
      return;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    Set<String> accepted = ctx.method() == HandlerType.PATCH ? PATCH_TYPES : JSON_TYPES;
    if (!accepted.contains(mediaType)) {
      throw ApiFailure.unsupportedMediaType(
          "Send the body as "
              + String.join(" or ", accepted.stream().sorted().toList())
              + ", not "
              + mediaType
              + ".");
    }
  }

  /**
   * Authenticates the caller; a request about one school counts against that school's fair share,
   * as its SCIM requests do.
   */
  @Override
  public void beforeMatched(Context ctx) {
    auth.authenticate(ctx);
    String school = ctx.pathParamMap().get(SchoolsRoutes.SCHOOL_PARAMETER);
    if (school != null) {
      WebRequest.authenticatedSchool(ctx, school);
    }
  }

  @Override
  public boolean writeError(Context ctx, Exception exception) {
    ErrorBody body;
    int status;
    if (exception instanceof DirectoryException problem) {
      body = ProblemDocuments.of(problem);
      status = ProblemDocuments.status(problem.kind());
      if (status == 401) {
        ctx.header("WWW-Authenticate", "Bearer");
      }
      if (status == 503) {
        ctx.header("Retry-After", "1");
      }
    } else if (exception instanceof ApiFailure failure) {
      body = ProblemDocuments.of(failure);
      status = failure.status();
    } else {
      return false;
    }
    ctx.status(status).contentType(body.contentType()).result(body.body());
    return true;
  }

  @Override
  public ErrorBody render(WebFailure failure, String path) {
    return ProblemDocuments.of(failure);
  }
}
