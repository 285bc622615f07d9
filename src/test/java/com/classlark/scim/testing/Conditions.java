package com.classlark.scim.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting in tests for a condition, never for a clock: the condition is checked every few
 * milliseconds, and the limit only keeps a broken test from hanging the suite (it is not a timing
 * assertion; give it ample room on a loaded machine).
 */
public final class Conditions {
  private Conditions() {}

  /**
   * Returns once {@code condition} holds; fails naming {@code what} if it never does within {@code
   * limit}.
   */
  public static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("gave up waiting after %s for %s", limit, what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for %s", what);
      }
    }
  }
}
