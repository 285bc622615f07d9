package com.classlark.scim.directory.events;

/**
 * How a node serves the change feed.
 *
 * @param maxWaiting the most long polls that wait at once on this node ({@code
 *     --events-max-waiting}); more are refused with 503 {@code too-many-waiting}
 */
public record FeedSettings(int maxWaiting) {
  /** The most long polls a node lets wait at once unless configured otherwise. */
  public static final int DEFAULT_MAX_WAITING = 200;

  /** The most long polls a node may be configured to hold: each holds an HTTP connection. */
  public static final int MAX_MAX_WAITING = 100_000;

  public static final FeedSettings DEFAULT = new FeedSettings(DEFAULT_MAX_WAITING);

  public FeedSettings {
    if (maxWaiting < 1 || maxWaiting > MAX_MAX_WAITING) {
      throw new IllegalArgumentException(
          "--events-max-waiting must be between 1 and " + MAX_MAX_WAITING + ", got " + maxWaiting);
    }
  }
}
