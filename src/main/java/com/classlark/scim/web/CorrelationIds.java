package com.classlark.scim.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The correlation id of each request: the client's own request id when it sends a sane one, so that
 * a line of the identity provider's log and a line of ours can be matched, or a new random one.
 * Microsoft Entra ID sends {@code client-request-id} (Microsoft's services echo it back under the
 * same name); proxies and other clients send {@code X-Request-Id}. The id is echoed as {@code
 * X-Correlation-Id} and under the header name it came in.
 */
final class CorrelationIds {
  static final String RESPONSE_HEADER = "X-Correlation-Id";

  /** Incoming headers, in order of preference. */
  static final List<String> REQUEST_HEADERS = List.of("X-Request-Id", "client-request-id");

  /**
   * A sane id: short, and only characters that need no escaping in a header, a log line or a JSON
   * string (GUIDs, ULIDs, base64 and dotted or colon-separated trace ids all fit).
   */
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:+/=-]{1,128}");

  private CorrelationIds() {}

  /** Gives the request its correlation id and echoes it in the response headers. */
  static void assign(Context ctx) {
    for (String header : REQUEST_HEADERS) {
      String incoming = ctx.header(header);
      if (incoming != null && SANE.matcher(incoming).matches()) {
        use(ctx, incoming);
        ctx.header(header, incoming);
        return;
      }
    }
    use(ctx, newId());
  }

  /**
   * A new random (version 4) UUID from the thread's own generator: a correlation id is no secret,
   * and {@link UUID#randomUUID()} draws from the one shared {@code SecureRandom}, a lock that every
   * request took.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  private static void use(Context ctx, String id) {
    WebRequest.correlationId(ctx, id);
    ctx.header(RESPONSE_HEADER, id);
  }
}
