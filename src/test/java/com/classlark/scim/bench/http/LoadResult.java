package com.classlark.scim.bench.http;

import org.HdrHistogram.Histogram;

/**
 * What one measured phase saw: successful requests per second and the latency distribution of every
 * request (errors included), in microseconds.
 *
 * @param firstError status and start of the body of the first failed request, or null
 */
record LoadResult(
    long requests, long errors, double seconds, Histogram latencyMicros, String firstError) {

  double throughput() {
    return (requests - errors) / seconds;
  }

  double percentileMillis(double percentile) {
    return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMillis() {
    return latencyMicros.getMaxValue() / 1000.0;
  }
}
