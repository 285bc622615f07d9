package com.classlark.scim.api;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.web.ErrorBody;
import com.classlark.scim.web.WebFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every error of the directory API as an RFC 9457 problem document ({@code
 * application/problem+json}): {@code type} (a URI ending in the kind's name), {@code title}, {@code
 * status}, {@code detail} (what to do about it) and the fields that help, e.g. {@code staffId},
 * {@code errors} for a validation problem. An internal error's detail quotes the correlation id
 * that is also in the {@code X-Correlation-Id} header and the log. The only place that knows the
 * format.
 */
final class ProblemDocuments {
  static final String CONTENT_TYPE = "application/problem+json";

  /** Where the problem types are described; each type is this plus the kind's name. */
  static final String TYPE_BASE = "https://classlark.com/problems/";

  private ProblemDocuments() {}

  /** The status of each directory refusal. */
  static int status(ProblemKind kind) {
    return switch (kind) {
      case NOT_FOUND -> 404;
      case MANAGED_BY_SCIM, DUPLICATE_EMAIL, DUPLICATE_GROUP_NAME -> 409;
      case VERSION_MISMATCH -> 412;
      case VALIDATION -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case CURSOR_EXPIRED -> 410;
      case TOO_MANY_WAITING -> 503;
    };
  }

  private static String title(ProblemKind kind) {
    return switch (kind) {
      case NOT_FOUND -> "Not found";
      case MANAGED_BY_SCIM -> "Managed by SCIM";
      case DUPLICATE_EMAIL -> "Duplicate email address";
      case DUPLICATE_GROUP_NAME -> "Duplicate group name";
      case VERSION_MISMATCH -> "Version mismatch";
      case VALIDATION -> "Invalid request";
      case UNAUTHORIZED -> "Unauthorized";
      case FORBIDDEN -> "Forbidden";
      case CURSOR_EXPIRED -> "Cursor expired";
      case TOO_MANY_WAITING -> "Too many waiting requests";
    };
  }

  static ErrorBody of(DirectoryException problem) {
    ObjectNode body =
        document(
            problem.kind().typeName(),
            title(problem.kind()),
            status(problem.kind()),
            problem.detail());
    new TreeMap<>(problem.fields()).forEach(body::put);
    if (!problem.errors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      for (FieldError error : problem.errors()) {
        errors.addObject().put("field", error.field()).put("rule", error.rule());
      }
    }
    return bytes(body);
  }

  static ErrorBody of(ApiFailure failure) {
    return bytes(document(failure.typeName(), failure.title(), failure.status(), failure.detail()));
  }

  /** A failure the server detected. */
  static ErrorBody of(WebFailure failure) {
    Map.Entry<String, String> kind =
        switch (failure.reason()) {
          case NO_ROUTE -> Map.entry(ProblemKind.NOT_FOUND.typeName(), "Not found");
          case METHOD_NOT_ALLOWED -> Map.entry("method-not-allowed", "Method not allowed");
          case MALFORMED -> Map.entry("malformed-request", "Malformed request");
          case BODY_TOO_LARGE -> Map.entry("payload-too-large", "Payload too large");
          case UNSUPPORTED_MEDIA_TYPE ->
              Map.entry("unsupported-media-type", "Unsupported media type");
          case STARTING, SHUTTING_DOWN -> Map.entry("unavailable", "Service unavailable");
          case RATE_LIMITED -> Map.entry("rate-limited", "Too many requests");
          case INTERNAL -> Map.entry("internal", "Internal error");
        };
    return bytes(document(kind.getKey(), kind.getValue(), failure.status(), failure.detail()));
  }

  private static ObjectNode document(String typeName, String title, int status, String detail) {
    ObjectNode body = Json.object();
    body.put("type", TYPE_BASE + typeName);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    return body;
  }

  private static ErrorBody bytes(ObjectNode body) {
    try {
      return new ErrorBody(CONTENT_TYPE, Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a problem document", e);
    }
  }
}
