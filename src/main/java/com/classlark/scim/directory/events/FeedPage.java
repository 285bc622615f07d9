package com.classlark.scim.directory.events;

import java.util.List;

/**
 * One answer of the change feed.
 *
 * @param nextCursor where the consumer goes on: after the last event, or where it was when there
 *     was none; null only when the feed had no event and the request no cursor
 */
public record FeedPage(List<FeedEvent> events, String nextCursor) {
  public FeedPage {
    events = List.copyOf(events);
  }
}
