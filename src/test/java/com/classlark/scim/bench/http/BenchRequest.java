package com.classlark.scim.bench.http;

import java.nio.charset.StandardCharsets;

/**
 * One request a load worker sends.
 *
 * @param target path and query, e.g. {@code /scim/v2/Users/123}
 * @param body request body, or null
 * @param expectedStatus the status that counts as success; any other is an error
 * @param part the part of a mixed scenario this request belongs to, e.g. {@code add} or {@code
 *     remove}, reported on its own besides the whole; null when the scenario is not mixed
 */
record BenchRequest(String method, String target, byte[] body, int expectedStatus, String part) {
  static BenchRequest get(String target) {
    return new BenchRequest("GET", target, null, 200, null);
  }

  static BenchRequest post(String target, String json) {
    return new BenchRequest("POST", target, bytes(json), 201, null);
  }

  static BenchRequest put(String target, String json) {
    return new BenchRequest("PUT", target, bytes(json), 200, null);
  }

  static BenchRequest patch(String target, String json, int expectedStatus) {
    return new BenchRequest("PATCH", target, bytes(json), expectedStatus, null);
  }

  /** This request, counted also under {@code part}. */
  BenchRequest inPart(String part) {
    return new BenchRequest(method, target, body, expectedStatus, part);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
