package com.classlark.scim.web;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.eclipse.jetty.http.MimeTypes;

/**
 * Checks of the request head that every adapter needs, made before any adapter reads the request:
 * each header the server's libraries interpret must mean one thing, or the request is refused with
 * the status that names the problem. Without them, Jetty and Javalin read a Content-Type charset in
 * two different ways, throw on one they do not know (a 500 for anyone, token or not), decode the
 * query string with it, silently drop a query parameter with a bad %-escape (so that a filter with
 * a typo listed every user), and let {@code X-HTTP-Method-Override} turn a GET into a DELETE.
 */
final class RequestChecks {
  private RequestChecks() {}

  /** Throws a {@link WebFailureException} for a request head the server does not accept. */
  static void check(Context ctx) {
    contentType(ctx);
    methodOverride(ctx);
    queryString(ctx.queryString());
  }

  private static void contentType(Context ctx) {
    List<String> values = Collections.list(ctx.req().getHeaders("Content-Type"));
    if (values.size() > 1) {
      throw malformed("Send one Content-Type header, not " + values.size() + ".");
    }
    if (values.isEmpty()) {
      return;
    }
    String javalinCharset;
    try {
      javalinCharset = ctx.characterEncoding();
    } catch (RuntimeException unreadable) {
      throw unsupportedCharset();
    }
    if (!isUtf8(MimeTypes.getCharsetFromContentType(values.get(0))) || !isUtf8(javalinCharset)) {
      throw unsupportedCharset();
    }
  }

  /** True for no charset and for any name of UTF-8 ({@code utf-8}, {@code UTF8}, quoted). */
  private static boolean isUtf8(String charset) {
    if (charset == null) {
      return true;
    }
    try {
      return Charset.isSupported(charset)
          && Charset.forName(charset).equals(StandardCharsets.UTF_8);
    } catch (IllegalCharsetNameException notAName) {
      return false;
    }
  }

  private static WebFailureException unsupportedCharset() {
    return new WebFailureException(
        new WebFailure(
            WebFailure.Reason.UNSUPPORTED_MEDIA_TYPE,
            415,
            "The Content-Type names a charset other than UTF-8: send UTF-8 (charset=utf-8) or"
                + " no charset."));
  }

  /** Javalin routes by this header: a GET that says DELETE must not delete. */
  private static void methodOverride(Context ctx) {
    String override = ctx.req().getHeader("X-HTTP-Method-Override");
    if (override != null && !override.strip().equalsIgnoreCase(ctx.req().getMethod())) {
      throw malformed(
          "X-HTTP-Method-Override is not supported: send the request with its own method.");
    }
  }

  /** Every %-escape is two hex digits, and each run of escapes is UTF-8. */
  static void queryString(String query) {
    if (query == null) {
      return;
    }
    int i = query.indexOf('%');
    while (i >= 0) {
      ByteArrayOutputStream run = new ByteArrayOutputStream();
      for (; i < query.length() && query.charAt(i) == '%'; i += 3) {
        int high = i + 2 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(query.charAt(i + 2), 16);
        if (low < 0) {
          throw malformed(
              "The query string has a '%' at position "
                  + i
                  + " that is not followed by two hex digits: write a literal % as %25.");
        }
        run.write(high * 16 + low);
      }
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(run.toByteArray()));
      } catch (CharacterCodingException e) {
        throw malformed(
            "The query string's %-escapes are not UTF-8: escape each character's UTF-8 bytes.");
      }
      i = query.indexOf('%', i);
    }
  }

  private static WebFailureException malformed(String detail) {
    return new WebFailureException(new WebFailure(WebFailure.Reason.MALFORMED, 400, detail));
  }
}
