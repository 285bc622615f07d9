package com.classlark.scim.directory.events;

import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an event stands in the feed: its {@code seq}, given in commit order (see the V10 migration
 * and {@code JdbcChangeEventStore}), 1 or more. Clients see it as an opaque cursor.
 */
public record FeedPosition(long seq) {
  /** Before every event. */
  public static final FeedPosition START = new FeedPosition(0);

  /** The text of a cursor of the feed's first format, {@code tx:id}, which named no position. */
  private static final Pattern EARLIER_FORMAT = Pattern.compile("-?[0-9]{1,19}:[0-9a-f-]{36}");

  private static final Pattern POSITION = Pattern.compile("[0-9]{1,19}");

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a client's cursor names.
   *
   * @throws com.classlark.scim.directory.DirectoryException a validation problem for anything that
   *     is not a cursor of this feed, and {@code cursor-expired} for a cursor of the feed's earlier
   *     format, so that a consumer resynchronises as it does after an expired cursor
   */
  public static FeedPosition decode(String cursor) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (EARLIER_FORMAT.matcher(text).matches()) {
      throw Problems.cursorOfEarlierFormat();
    }
    if (!POSITION.matcher(text).matches()) {
      throw invalid();
    }
    try {
      return new FeedPosition(Long.parseLong(text));
    } catch (NumberFormatException e) {
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
