package com.classlark.scim.bench.http;

import java.nio.charset.StandardCharsets;

/**
 * One request a load worker sends.
 *
 * @param target path and query, e.g. {@code /scim/v2/Users/123}
 * @param body request body, or null
 * @param expectedStatus the status that counts as success; any other is an error
 */
record BenchRequest(String method, String target, byte[] body, int expectedStatus) {
  static BenchRequest get(String target) {
    return new BenchRequest("GET", target, null, 200);
  }

  static BenchRequest post(String target, String json) {
    return new BenchRequest("POST", target, json.getBytes(StandardCharsets.UTF_8), 201);
  }

  static BenchRequest put(String target, String json) {
    return new BenchRequest("PUT", target, json.getBytes(StandardCharsets.UTF_8), 200);
  }
}
