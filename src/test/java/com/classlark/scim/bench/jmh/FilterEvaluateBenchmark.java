package com.classlark.scim.bench.jmh;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterEvaluator;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@link FilterEvaluator#matches}: one resolved filter against one stored User, the cost per
 * candidate row when a filter cannot be decided in SQL alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterEvaluateBenchmark {
  @Param({
    BenchmarkFilters.USER_NAME_EQ,
    BenchmarkFilters.EXTERNAL_ID_EQ,
    BenchmarkFilters.EMAIL_VALUE_PATH,
    BenchmarkFilters.COMPOUND
  })
  public String filter;

  private final FilterEvaluator evaluator = new FilterEvaluator(ResourceTypes.USER);
  private Filter resolved;
  private ObjectNode user;

  @Setup
  public void prepare() {
    resolved = BenchmarkFilters.resolved(filter);
    user = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("bench", 42));
  }

  @Benchmark
  public boolean matches() {
    return evaluator.matches(resolved, user);
  }
}
