package com.classlark.scim.web;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request on the logger {@value #LOGGER}: method, route template (never the path, so
 * never an id or anything else a client put there, and never the query), status, duration, the
 * school and the presented credential's id when known, and the correlation id. The same values are
 * attached as key-value pairs, which the JSON log format writes as fields of their own. Never a
 * header, a token or a body.
 */
final class RequestLog {
  static final String LOGGER = "com.classlark.scim.requests";
  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  private RequestLog() {}

  static void write(Context ctx, float millis) {
    if (!log.isInfoEnabled()) {
      return;
    }
    String method = ctx.method().name();
    String route = WebRequest.route(ctx);
    int status = ctx.statusCode();
    // Tenths of a millisecond, written by hand: String.format was a quarter of this line's cost.
    long tenths = Math.max(0, Math.round(millis * 10));
    String duration = tenths / 10 + "." + tenths % 10;
    String school = WebRequest.schoolOrNull(ctx);
    String credential = WebRequest.credentialIdOrNull(ctx);
    String correlation = WebRequest.correlationId(ctx);
    LoggingEventBuilder line =
        log.atInfo()
            .addKeyValue("method", method)
            .addKeyValue("route", route)
            .addKeyValue("status", status)
            .addKeyValue("duration_ms", tenths / 10.0)
            .addKeyValue("correlation_id", correlation);
    if (school != null) {
      line = line.addKeyValue("school", school);
    }
    if (credential != null) {
      line = line.addKeyValue("token_id", credential);
    }
    line.log(
        "{} {} {} {}ms school={} token={} correlation={}",
        method,
        route,
        status,
        duration,
        school == null ? "-" : school,
        credential == null ? "-" : credential,
        correlation);
  }
}
