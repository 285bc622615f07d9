package com.classlark.scim.web;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the rate limiter adds to every request of a school: finding the school's bucket and taking a
 * token from it, under a limit never reached, for one school or spread over many. It lives in the
 * web package because the step is package-private there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchoolFairnessBenchmark {
  @Param({"1", "1000"})
  public int schools;

  private SchoolFairness fairness;
  private String[] ids;

  @Setup
  public void prepare() {
    fairness =
        new SchoolFairness(
            new FairnessSettings(
                FairnessSettings.MAX_RATE_PER_SECOND,
                FairnessSettings.MAX_RATE_PER_SECOND,
                0,
                java.time.Duration.ZERO),
            Clock.systemUTC(),
            Metrics.off());
    ids = new String[schools];
    for (int i = 0; i < schools; i++) {
      ids[i] = java.util.UUID.randomUUID().toString();
    }
  }

  @Benchmark
  public long takeAToken() {
    return fairness.retryAfterSeconds(
        ids[java.util.concurrent.ThreadLocalRandom.current().nextInt(schools)]);
  }
}
