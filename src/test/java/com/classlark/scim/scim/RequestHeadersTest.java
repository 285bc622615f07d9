package com.classlark.scim.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.RawHttp;
import com.classlark.scim.testing.TestServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every header and part of the request head the service reads, sent well-formed, malformed,
 * duplicated, empty, huge and non-ASCII: each is answered with its normal answer or with a SCIM
 * error of the status that names the problem, never a 500. Sent byte by byte ({@link RawHttp}), as
 * no HTTP client library sends most of these.
 */
class RequestHeadersTest {
  private static final String USER =
      "{\"userName\":\"%s@school.example\",\"name\":{\"givenName\":\"Ada\",\"familyName\":\"Byron\"},"
          + "\"userType\":\"Staff\"}";
  private static final String PATCH =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
          + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Teacher\"}]}";
  private static final String CHARSET =
      "The Content-Type names a charset other than UTF-8: send UTF-8 (charset=utf-8) or no"
          + " charset.";
  private static final String MALFORMED =
      "The request is malformed (for example a URL with an invalid or NUL %-escape, or an invalid"
          + " Content-Length); fix the request.";
  private static final String NOT_HEX =
      "The query string has a '%' at position 7 that is not followed by two hex digits: write a"
          + " literal % as %25.";
  private static final String TOO_MANY_HEADERS =
      "The request's header fields are larger than the limit of 8192 bytes, or more than 100"
          + " fields.";

  private static TestServer server;
  private static String userId;
  private static int created;

  @BeforeAll
  static void start() {
    server = TestServer.start(Engine.SQLITE);
    userId = server.client().post("/Users", USER.formatted("fixed")).json().get("id").textValue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * A request: its head with {@code {token}} and {@code {id}} (a User of the school) filled in, and
   * a body (null for none).
   */
  private record Sent(String head, String body) {}

  /** What must come back: a status and, for an error, the whole SCIM Error body (else null). */
  private record Expected(int status, String error) {}

  private static Arguments row(String name, Sent sent, Expected expected) {
    return Arguments.of(Named.of(name, sent), expected);
  }

  private static Sent post(String... headerLines) {
    return new Sent(
        "POST /Users HTTP/1.1\r\n" + String.join("", headerLines), USER.formatted("{unique}"));
  }

  private static Sent get(String target, String... headerLines) {
    return new Sent("GET " + target + " HTTP/1.1\r\n" + String.join("", headerLines), null);
  }

  private static Sent patch(String... headerLines) {
    return new Sent("PATCH /Users/{id} HTTP/1.1\r\n" + String.join("", headerLines), PATCH);
  }

  private static final String AUTH = "Authorization: Bearer {token}\r\n";
  private static final String JSON = "Content-Type: application/scim+json\r\n";

  private static Expected ok(int status) {
    return new Expected(status, null);
  }

  private static Expected error(int status, String detail) {
    return new Expected(
        status,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
            + status
            + "\",\"detail\":\""
            + detail.replace("\"", "\\\"")
            + "\"}");
  }

  private static Expected error(int status, String scimType, String detail) {
    return new Expected(
        status,
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
            + status
            + "\",\"scimType\":\""
            + scimType
            + "\",\"detail\":\""
            + detail
            + "\"}");
  }

  static Stream<Arguments> requests() {
    String manyFields = "X-Field: a\r\n".repeat(101);
    return Stream.of(
        // Content-Type
        row(
            "unknown charset without a token",
            post("Content-Type: application/scim+json; charset=bogus-xyz\r\n"),
            error(415, CHARSET)),
        row(
            "unknown charset with a token",
            post(AUTH, "Content-Type: application/scim+json; charset=bogus-xyz\r\n"),
            error(415, CHARSET)),
        row(
            "charset that is not UTF-8",
            post(AUTH, "Content-Type: application/json; charset=ISO-8859-1\r\n"),
            error(415, CHARSET)),
        row(
            "charset parameter without a value",
            post(AUTH, "Content-Type: application/json; charset\r\n"),
            error(415, CHARSET)),
        row(
            "charset parameter with an empty value",
            post(AUTH, "Content-Type: application/json; charset=\r\n"),
            error(415, CHARSET)),
        row(
            "charset name with illegal characters",
            post(AUTH, "Content-Type: application/json; charset=??\r\n"),
            error(415, CHARSET)),
        row(
            "parameter that only starts like charset",
            post(AUTH, "Content-Type: application/json; charsetx=foo\r\n"),
            error(415, CHARSET)),
        row(
            "quoted UTF-8 charset",
            post(AUTH, "Content-Type: application/json; charset=\"utf-8\"\r\n"),
            ok(201)),
        row(
            "UTF8 alias",
            post(AUTH, "Content-Type: application/scim+json; charset=UTF8\r\n"),
            ok(201)),
        row(
            "two Content-Type headers",
            post(AUTH, "Content-Type: application/json\r\n", "Content-Type: text/xml\r\n"),
            error(400, "Send one Content-Type header, not 2.")),
        row("empty Content-Type", post(AUTH, "Content-Type: \r\n"), ok(201)),
        row(
            "Content-Type of parameters only",
            post(AUTH, "Content-Type: ;;;==\r\n"),
            error(
                415,
                "Content-Type without a media type is not supported: send application/scim+json or"
                    + " application/json")),
        row(
            "Content-Type that is not JSON",
            post(AUTH, "Content-Type: text/xml\r\n"),
            error(
                415,
                "Content-Type text/xml is not supported: send application/scim+json or"
                    + " application/json")),
        row(
            "unknown charset on a GET with a query",
            get(
                "/Users?filter=userName%20eq%20%22a@b.example%22",
                AUTH, "Content-Type: application/json; charset=bogus\r\n"),
            error(415, CHARSET)),
        row(
            "UTF-8 Content-Type on a GET",
            get("/Users", AUTH, "Content-Type: application/json; charset=utf-8\r\n"),
            ok(200)),
        // Accept: the service answers SCIM JSON whatever the client accepts
        row("garbage Accept", get("/Users", AUTH, "Accept: \u00ff\u00fe;;q=abc\r\n"), ok(200)),
        row("Accept of HTML only", get("/Users", AUTH, "Accept: text/html\r\n"), ok(200)),
        // If-Match and If-None-Match
        row(
            "If-Match with an unclosed tag",
            patch(AUTH, JSON, "If-Match: \"abc\r\n"),
            error(
                412,
                "The resource has changed: its current version is W/\"{version}\"."
                    + " Read it again and retry with that If-Match.")),
        row(
            "If-Match with a list of stale tags",
            patch(AUTH, JSON, "If-Match: W/\"999\", W/\"998\"\r\n"),
            error(
                412,
                "The resource has changed: its current version is W/\"{version}\"."
                    + " Read it again and retry with that If-Match.")),
        row("If-Match *", patch(AUTH, JSON, "If-Match: *\r\n"), ok(200)),
        row("If-None-Match W/ alone", get("/Users/{id}", AUTH, "If-None-Match: W/\r\n"), ok(200)),
        row("If-None-Match of commas", get("/Users/{id}", AUTH, "If-None-Match: ,,,\r\n"), ok(200)),
        row("If-None-Match *", get("/Users/{id}", AUTH, "If-None-Match: *\r\n"), ok(304)),
        // Authorization
        row(
            "Basic credentials",
            get("/Users", "Authorization: Basic dXNlcjpwYXNz\r\n"),
            error(
                401,
                "The Authorization header must use the Bearer scheme: 'Authorization: Bearer"
                    + " <token>'.")),
        row(
            "empty Authorization",
            get("/Users", "Authorization: \r\n"),
            error(
                401,
                "Authentication required: send the school's SCIM token as 'Authorization: Bearer"
                    + " <token>'.")),
        row(
            "Authorization over the header limit",
            get("/Users", "Authorization: Bearer " + "a".repeat(9000) + "\r\n"),
            error(431, TOO_MANY_HEADERS)),
        row(
            "non-ASCII token",
            get("/Users", "Authorization: Bearer \u00c3\u00a9\u00ff\r\n"),
            error(
                401,
                "The bearer token is not valid. Check that the whole token was copied; ask ClassLark"
                    + " support for a new one if it was lost.")),
        row(
            "two Authorization headers, the first valid",
            get("/Users", AUTH, "Authorization: Bearer clsk_other\r\n"),
            error(401, "Send one Authorization header with the school's SCIM token, not 2.")),
        // Content-Length
        row(
            "Content-Length not a number",
            post(AUTH, JSON, "Content-Length: abc\r\n"),
            error(400, MALFORMED)),
        row(
            "negative Content-Length",
            post(AUTH, JSON, "Content-Length: -5\r\n"),
            error(400, MALFORMED)),
        row(
            "Content-Length beyond a long",
            post(AUTH, JSON, "Content-Length: 99999999999999999999999\r\n"),
            error(400, MALFORMED)),
        row(
            "two different Content-Lengths",
            post(AUTH, JSON, "Content-Length: 2\r\n", "Content-Length: 3\r\n"),
            error(400, MALFORMED)),
        row(
            "Content-Length over the body limit",
            new Sent("POST /Users HTTP/1.1\r\n" + AUTH + JSON + "Content-Length: 3000000\r\n", ""),
            error(413, "The request body is larger than the limit of 2097152 bytes.")),
        // X-Forwarded-Proto and X-Forwarded-Host: garbage falls back to the request's own
        row(
            "garbage X-Forwarded-Proto and X-Forwarded-Host",
            post(AUTH, JSON, "X-Forwarded-Proto: gopher\r\n", "X-Forwarded-Host: ev<il>/x\r\n"),
            ok(201)),
        row(
            "non-ASCII X-Forwarded-Host",
            post(AUTH, JSON, "X-Forwarded-Host: \u00ff\u00fe\r\n"),
            ok(201)),
        // X-HTTP-Method-Override: Javalin routes by it
        row(
            "X-HTTP-Method-Override that turns a GET into a DELETE",
            get("/Users/{id}", AUTH, "X-HTTP-Method-Override: DELETE\r\n"),
            error(
                400,
                "X-HTTP-Method-Override is not supported: send the request with its own method.")),
        // Query string
        row("%-escape that is not hex", get("/Users?filter=%zz", AUTH), error(400, NOT_HEX)),
        row("lone % at the end", get("/Users?filter=%", AUTH), error(400, NOT_HEX)),
        row(
            "%-escapes that are not UTF-8",
            get("/Users?filter=%e9", AUTH),
            error(
                400,
                "The query string's %-escapes are not UTF-8: escape each character's UTF-8 bytes.")),
        row(
            "%-escaped UTF-8",
            get("/Users?filter=userName%20eq%20%22%C3%A9@school.example%22", AUTH), ok(200)),
        row(
            "filter over the filter limit",
            get("/Users?filter=userName%20eq%20%22" + "a".repeat(5000) + "%22", AUTH),
            error(400, "invalidFilter", "the filter is 5014 characters long; the limit is 4096")),
        row(
            "URL over the header limit",
            get("/Users?filter=" + "a".repeat(9000), AUTH),
            error(
                414, "The request line (method and URL) is longer than the limit of 8192 bytes.")),
        row(
            "count beyond an int",
            get("/Users?count=99999999999999999999", AUTH),
            error(400, "invalidValue", "count must be an integer, not '99999999999999999999'")),
        row(
            "huge attributes parameter",
            get("/Users?attributes=" + "a".repeat(7000), AUTH),
            ok(200)),
        // The number of header fields
        row(
            "more header fields than the limit",
            get("/Users", AUTH, manyFields),
            error(431, TOO_MANY_HEADERS)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void eachRequestHeadGetsItsNormalAnswerOrAScimErrorNamingTheProblem(
      Sent sent, Expected expected) {
    String head = sent.head().replace("{token}", server.token()).replace("{id}", userId);
    String body = sent.body() == null ? null : sent.body().replace("{unique}", "u" + created++);

    RawHttp.Response response = RawHttp.send(server.application().port(), head, body);

    assertThat(response.status()).as(response.body()).isEqualTo(expected.status());
    if (expected.error() != null) {
      assertThat(response.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
      String version =
          server.client().get("/Users/" + userId).json().at("/meta/version").textValue();
      assertThat(response.body())
          .isEqualTo(expected.error().replace("{version}", version.replaceAll("[^0-9]", "")));
    }
  }
}
