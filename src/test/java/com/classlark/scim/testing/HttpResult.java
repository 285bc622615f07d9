package com.classlark.scim.testing;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;

/** A response as the client saw it. */
public record HttpResult(int status, HttpHeaders headers, String body) {

  public JsonNode json() {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("response body is not JSON: " + body, e);
    }
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }
}
