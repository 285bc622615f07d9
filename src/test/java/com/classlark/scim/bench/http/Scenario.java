package com.classlark.scim.bench.http;

import java.io.IOException;

/**
 * One line of the report: a load scenario that the harness measures, or one that waits for a
 * feature of the service (then it says which). Turning a pending scenario into a measured one is a
 * matter of giving it a {@link Preparation}.
 */
sealed interface Scenario {
  String name();

  /** What the figure means, in a few words. */
  String meaning();

  /** Measured with the load generator; {@code preparation} runs once, before warm-up. */
  record Load(String name, String meaning, Preparation preparation) implements Scenario {}

  /** Not measurable yet. */
  record Pending(String name, String meaning, String reason) implements Scenario {}

  /**
   * Whatever a scenario must look up on the running server first, e.g. a cursor deep in the
   * listing.
   */
  @FunctionalInterface
  interface Preparation {
    RequestSource prepare(LoopbackHttpConnection connection) throws IOException;
  }
}
