package com.classlark.scim.bench.jmh;

import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterParser;
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

/** {@link FilterParser#parse}: filter text to tree, as every filtered request does first. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterParseBenchmark {
  @Param({
    BenchmarkFilters.USER_NAME_EQ,
    BenchmarkFilters.EXTERNAL_ID_EQ,
    BenchmarkFilters.EMAIL_VALUE_PATH,
    BenchmarkFilters.COMPOUND
  })
  public String filter;

  private String text;

  @Setup
  public void prepare() {
    text = BenchmarkFilters.text(filter);
  }

  @Benchmark
  public Filter parse() {
    return FilterParser.parse(text);
  }
}
