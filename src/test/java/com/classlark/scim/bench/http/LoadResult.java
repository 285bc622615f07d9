package com.classlark.scim.bench.http;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one measured phase saw: successful requests per second and the latency distribution of every
 * request (errors included), in microseconds.
 *
 * @param firstError status and start of the body of the first failed request, or null
 * @param parts the same for the requests of each {@linkplain BenchRequest#part() part} of a mixed
 *     scenario, in the order they first appeared; empty when the scenario is not mixed
 */
record LoadResult(
    long requests,
    long errors,
    double seconds,
    Histogram latencyMicros,
    String firstError,
    Map<String, LoadResult> parts) {

  double throughput() {
    return (requests - errors) / seconds;
  }

  double percentileMillis(double percentile) {
    return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  double meanMillis() {
    return latencyMicros.getMean() / 1000.0;
  }

  double maxMillis() {
    return latencyMicros.getMaxValue() / 1000.0;
  }
}
