package com.classlark.scim.store;

import com.classlark.scim.bench.jmh.BenchmarkFilters;
import com.classlark.scim.protocol.filter.Filter;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link FilterSql#translate}: a resolved filter to a bound SQL condition over the staff table. It
 * lives in the store package because the translation is package-private there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterSqlBenchmark {
  @Param({
    BenchmarkFilters.USER_NAME_EQ,
    BenchmarkFilters.EXTERNAL_ID_EQ,
    BenchmarkFilters.EMAIL_VALUE_PATH,
    BenchmarkFilters.COMPOUND
  })
  public String filter;

  @Param({"SQLITE", "POSTGRESQL"})
  public Dialect dialect;

  private Filter resolved;

  @Setup
  public void prepare() {
    resolved = BenchmarkFilters.resolved(filter);
  }

  /** A translator is made per request in the service, so the benchmark makes one per call too. */
  @Benchmark
  public Object translate() {
    return new FilterSql(QueryTable.STAFF, dialect, "0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d")
        .translate(resolved);
  }
}
