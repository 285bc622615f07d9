package com.classlark.scim.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for the real server on its random port. */
public final class ScimClient {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String baseUrl;
  private final Map<String, String> defaultHeaders;

  public ScimClient(String baseUrl, Map<String, String> defaultHeaders) {
    this.baseUrl = baseUrl;
    this.defaultHeaders = Map.copyOf(defaultHeaders);
  }

  /** A client that sends the bearer token and SCIM content type. */
  public static ScimClient withToken(String baseUrl, String token) {
    return new ScimClient(
        baseUrl,
        Map.of("Authorization", "Bearer " + token, "Content-Type", "application/scim+json"));
  }

  public String baseUrl() {
    return baseUrl;
  }

  public ScimClient withHeader(String name, String value) {
    Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
    headers.put(name, value);
    return new ScimClient(baseUrl, headers);
  }

  public ScimClient withoutHeader(String name) {
    Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
    headers.remove(name);
    return new ScimClient(baseUrl, headers);
  }

  public HttpResult get(String path) {
    return send("GET", path, null);
  }

  public HttpResult post(String path, String body) {
    return send("POST", path, body);
  }

  public HttpResult put(String path, String body) {
    return send("PUT", path, body);
  }

  public HttpResult patch(String path, String body) {
    return send("PATCH", path, body);
  }

  public HttpResult delete(String path) {
    return send("DELETE", path, null);
  }

  public HttpResult send(String method, String path, String body) {
    return send(method, path, body, Map.of());
  }

  public HttpResult send(
      String method, String path, String body, Map<String, String> extraHeaders) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
    headers.putAll(extraHeaders);
    headers.forEach(request::header);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new HttpResult(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
