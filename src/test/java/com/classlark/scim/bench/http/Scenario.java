package com.classlark.scim.bench.http;

import java.io.IOException;

/**
 * One line of the report: a load scenario that the harness measures.
 *
 * @param meaning what the figure means, in a few words
 * @param preparation runs once, before warm-up, and gives the requests of the workers
 */
record Scenario(String name, String meaning, Preparation preparation) {

  /**
   * Whatever a scenario must look up on the running server first, e.g. a cursor deep in the
   * listing.
   */
  @FunctionalInterface
  interface Preparation {
    RequestSource prepare(LoopbackHttpConnection connection) throws IOException;
  }
}
