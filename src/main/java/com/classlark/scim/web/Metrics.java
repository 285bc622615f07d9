package com.classlark.scim.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service's metrics in the Prometheus text format: requests by route template, method and
 * status with a latency histogram, 429s by the limit that refused them, adapters' errors by type,
 * the JVM's memory, GC and threads (the connection pool's join them through {@link #registry()}).
 * No label ever carries an id, an email or anything else taken from a request: routes are
 * templates, and unmatched paths share one label. Off unless a management port is configured.
 */
public final class Metrics implements AutoCloseable {
  /** Bucket bounds of the latency histogram: enough to alert on a p99, few enough per route. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> binders;

  private Metrics(PrometheusMeterRegistry registry, List<AutoCloseable> binders) {
    this.registry = registry;
    this.binders = binders;
  }

  /** No metrics: recording costs nothing and nothing is served. */
  public static Metrics off() {
    return new Metrics(null, List.of());
  }

  /** A Prometheus registry with the JVM's and the process's metrics bound to it. */
  public static Metrics prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();
    heapPressure.bindTo(registry);
    return new Metrics(registry, List.of(gc, heapPressure));
  }

  /** The registry other components report to (the connection pool), when metrics are on. */
  public Optional<MeterRegistry> registry() {
    return Optional.ofNullable(registry);
  }

  /**
   * A counter of an adapter's errors, e.g. {@code errorCounter("scim.errors", "scimType")}, served
   * as {@code scim_errors_total{scimType="uniqueness",status="409"}}.
   */
  public ErrorCounter errorCounter(String name, String typeLabel) {
    if (registry == null) {
      return ErrorCounter.NONE;
    }
    return (type, status) ->
        Counter.builder(name)
            .description("Error responses by type")
            .tag(typeLabel, type == null ? "none" : type)
            .tag("status", Integer.toString(status))
            .register(registry)
            .increment();
  }

  void recordRequest(Context ctx, float millis) {
    if (registry == null) {
      return;
    }
    Timer.builder("http.server.requests")
        .description("HTTP requests by route template, method and status")
        .tag("method", ctx.method().name())
        .tag("route", WebRequest.route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  /** Counts a request refused with 429 by {@code limit}: {@code rate} or {@code concurrency}. */
  void rateLimited(String limit) {
    if (registry == null) {
      return;
    }
    Counter.builder("classlark.rate.limited")
        .description("Requests refused with 429 because their school was over a limit")
        .tag("limit", limit)
        .register(registry)
        .increment();
  }

  /** The current values in the Prometheus text format. */
  String scrape() {
    return registry == null ? "" : registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop a metrics binder", e);
      }
    }
    if (registry != null) {
      registry.close();
    }
  }
}
