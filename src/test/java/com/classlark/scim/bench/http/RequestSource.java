package com.classlark.scim.bench.http;

/**
 * What a scenario's workers send: the next request of one worker, called from that worker's thread
 * only.
 */
@FunctionalInterface
interface RequestSource {
  /**
   * @param worker 0-based number of the connection
   * @param sequence how many requests this worker sent before, warm-up included
   */
  BenchRequest next(int worker, long sequence);
}
