package com.classlark.scim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's HTTP, without a browser: keeps the console's cookies as the server sets them, never
 * follows redirects, and posts forms. For the console's HTTP tests.
 */
public final class ConsoleClient {
  private static final Pattern HIDDEN_TOKEN =
      Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final String baseUrl;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public ConsoleClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public HttpResult get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
  }

  /** Posts a form (fields in order: name, value, name, value, …). */
  public HttpResult post(String path, List<String> fields, String... headers) {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i < fields.size(); i += 2) {
      if (!form.isEmpty()) {
        form.append('&');
      }
      form.append(URLEncoder.encode(fields.get(i), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(fields.get(i + 1), StandardCharsets.UTF_8));
    }
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString())),
        headers);
  }

  /** The form token of a page's first form. */
  public static String formToken(HttpResult page) {
    Matcher matcher = HIDDEN_TOKEN.matcher(page.body());
    if (!matcher.find()) {
      throw new AssertionError("no form token in the page: " + page.body());
    }
    return matcher.group(1);
  }

  /** Signs in through the form, as a browser would. */
  public HttpResult signIn(String email, String password) {
    String token = formToken(get("/console/sign-in"));
    return post("/console/sign-in", List.of("csrf", token, "email", email, "password", password));
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public void forgetCookies() {
    cookies.clear();
  }

  /** The text of the page's main element with its whitespace collapsed, for whole-page checks. */
  public static String main(HttpResult page) {
    String body = page.body();
    int start = body.indexOf("<main id=\"main\">");
    int end = body.indexOf("</main>");
    if (start < 0 || end < 0) {
      throw new AssertionError("no main element in the page: " + body);
    }
    return body.substring(start + "<main id=\"main\">".length(), end)
        .replaceAll("\\s+", " ")
        .replace("> <", "><")
        .strip();
  }

  private HttpResult send(HttpRequest.Builder request, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    if (!cookies.isEmpty()) {
      request.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
              .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String setCookie : response.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new HttpResult(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
