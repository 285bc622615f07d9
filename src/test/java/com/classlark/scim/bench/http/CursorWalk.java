package com.classlark.scim.bench.http;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Walks a listing with cursors, as an identity provider pages through a school, to a given depth.
 */
final class CursorWalk {
  private static final int MAX_PAGES = 100_000;

  private CursorWalk() {}

  /**
   * The {@code nextCursor} after the first {@code depth} resources, reached with pages of {@code
   * pageSize} (or of 100 when {@code depth} is not a multiple of it).
   *
   * @param endpoint e.g. {@code /scim/v2/Users}
   */
  static String cursorAt(
      LoopbackHttpConnection connection, String endpoint, int depth, int pageSize)
      throws IOException {
    int count = depth % pageSize == 0 ? pageSize : 100;
    if (depth % count != 0) {
      throw new IllegalArgumentException("depth " + depth + " is not a multiple of 100");
    }
    String cursor = "";
    for (int seen = 0, pages = 0; seen < depth && pages < MAX_PAGES; seen += count, pages++) {
      LoopbackHttpConnection.Response response =
          connection.send(
              "GET",
              endpoint + "?count=" + count + "&cursor=" + UserScenarios.encode(cursor),
              null);
      if (response.status() != 200) {
        throw new IOException(
            "cursor walk stopped at " + seen + ": " + response.status() + " " + response.text());
      }
      JsonNode next = Json.MAPPER.readTree(response.body()).path("nextCursor");
      if (!next.isTextual()) {
        throw new IOException("cursor walk ran out of pages at " + (seen + count) + " of " + depth);
      }
      cursor = next.textValue();
    }
    return cursor;
  }
}
