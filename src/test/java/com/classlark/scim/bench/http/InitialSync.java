package com.classlark.scim.bench.http;

import com.classlark.scim.bench.StaffBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A school's first sync: {@code staff} members created through {@code POST /Users} by {@code
 * clients} concurrent connections, as an identity provider's provisioning cycle does, timed from
 * the first request to the last answer.
 */
final class InitialSync {
  private InitialSync() {}

  /** What the sync took. */
  record Result(
      int staff,
      int clients,
      Duration took,
      Histogram latencyMicros,
      int failures,
      String firstFailure) {
    double perSecond() {
      return staff / (took.toNanos() / 1e9);
    }
  }

  static Result run(int port, BenchSchool school, int staff, int clients)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      Histogram histogram = new Histogram(3);
      histograms.add(histogram);
      threads.add(
          Thread.ofPlatform()
              .name("sync-" + i)
              .start(
                  () ->
                      createUntilDone(
                          port, school, staff, next, histogram, failures, firstFailure)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Histogram all = new Histogram(3);
    histograms.forEach(all::add);
    return new Result(staff, clients, took, all, failures.get(), firstFailure.get());
  }

  private static void createUntilDone(
      int port,
      BenchSchool school,
      int staff,
      AtomicInteger next,
      Histogram latencyMicros,
      AtomicInteger failures,
      AtomicReference<String> firstFailure) {
    try (LoopbackHttpConnection connection = new LoopbackHttpConnection(port, school.token())) {
      for (int n = next.getAndIncrement(); n < staff; n = next.getAndIncrement()) {
        byte[] body = StaffBodies.body(school.tag(), n).toString().getBytes(StandardCharsets.UTF_8);
        long sent = System.nanoTime();
        String failure;
        try {
          LoopbackHttpConnection.Response response =
              connection.send("POST", "/scim/v2/Users", body);
          failure = response.status() == 201 ? null : response.status() + " " + response.text();
        } catch (IOException e) {
          connection.close();
          failure = "I/O error: " + e.getMessage();
        }
        latencyMicros.recordValue((System.nanoTime() - sent) / 1_000);
        if (failure != null) {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, failure);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot close a sync connection", e);
    }
  }
}
