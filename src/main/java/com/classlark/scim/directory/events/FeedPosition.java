package com.classlark.scim.directory.events;

import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Where an event stands in the feed's order, {@code (tx, id)}: {@code tx} orders by the writing
 * transaction (see the V8 migration), {@code id} orders the events of one transaction. Clients see
 * it as an opaque cursor.
 */
public record FeedPosition(long tx, String id) {
  /** Before every event. */
  public static final FeedPosition START = new FeedPosition(Long.MIN_VALUE, "");

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((tx + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a client's cursor names.
   *
   * @throws com.classlark.scim.directory.DirectoryException a validation problem for anything that
   *     is not a cursor of this feed
   */
  public static FeedPosition decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      if (colon < 1 || colon == text.length() - 1 || text.length() > 60) {
        throw invalid();
      }
      return new FeedPosition(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static RuntimeException invalid() {
    return Problems.validation(
        List.of(
            new FieldError(
                "after",
                "is not a cursor of this feed; use the nextCursor (or an event's cursor) of an"
                    + " earlier answer, or no after to start with the oldest event kept.")));
  }
}
