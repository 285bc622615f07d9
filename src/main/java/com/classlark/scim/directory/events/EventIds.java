package com.classlark.scim.directory.events;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids in the layout of a version-7 UUID (RFC 9562 §5.7): the time in milliseconds, then a
 * counter, then random bits. Ids made later by this process sort after earlier ones as text, so the
 * events of one transaction, which the feed orders by id, keep the order the change made them in
 * (on PostgreSQL they share their {@code tx}).
 */
final class EventIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Milliseconds shifted left by 12, plus a 12-bit counter: never repeats, never goes back. */
  private static final AtomicLong LAST = new AtomicLong();

  private EventIds() {}

  static String next() {
    long now = System.currentTimeMillis() << 12;
    long stamp = LAST.updateAndGet(last -> Math.max(last + 1, now));
    long millis = stamp >>> 12;
    long counter = stamp & 0xFFF;
    long high = (millis << 16) | 0x7000L | counter;
    long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(high, low).toString();
  }
}
