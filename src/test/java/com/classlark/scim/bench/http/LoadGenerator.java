package com.classlark.scim.bench.http;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load generator: a fixed number of connections, each driven by its own thread that
 * sends its next request as soon as the previous answer arrived. Requests of the warm-up are sent
 * but not counted; the measured phase then runs for a fixed duration. Latency is therefore the
 * service time under that concurrency, not the latency an open arrival rate would see (no
 * coordinated-omission correction).
 */
final class LoadGenerator {
  private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);

  private final int port;
  private final int connections;
  private final Duration warmup;
  private final Duration duration;
  private final boolean honorRetryAfter;
  private final long intervalNanos;

  LoadGenerator(int port, int connections, Duration warmup, Duration duration) {
    this(port, connections, warmup, duration, false, Duration.ZERO);
  }

  /**
   * @param honorRetryAfter after a 429, a connection waits as long as its {@code Retry-After} says
   *     before its next request, as identity providers do; otherwise it sends the next at once
   * @param interval zero for a closed loop; otherwise each connection starts its next request no
   *     sooner than {@code interval} after the previous one started, like a client that waits for
   *     each answer and keeps under a rate limit; latency is still each request's own time
   */
  LoadGenerator(
      int port,
      int connections,
      Duration warmup,
      Duration duration,
      boolean honorRetryAfter,
      Duration interval) {
    this.port = port;
    this.connections = connections;
    this.warmup = warmup;
    this.duration = duration;
    this.honorRetryAfter = honorRetryAfter;
    this.intervalNanos = interval.toNanos();
  }

  int connections() {
    return connections;
  }

  /** Runs warm-up then measurement with {@code source}, every request carrying {@code token}. */
  LoadResult run(String token, RequestSource source) throws InterruptedException {
    return run(token, source, new Watch() {});
  }

  /**
   * What happens at the edges of the measured window: {@link #warmedUp} may extend the warm-up,
   * e.g. until the server has stopped compiling, and the other two mark the window's start and end.
   */
  interface Watch {
    /** Called once the warm-up has run its set time; returns when measuring may start. */
    default void warmedUp() throws InterruptedException {}

    default void measuring() {}

    default void measured() {}
  }

  /**
   * Runs warm-up then measurement with {@code source}, every request carrying {@code token}, the
   * warm-up lasting at least its set time and then as long as {@code watch} makes it.
   */
  LoadResult run(String token, RequestSource source, Watch watch) throws InterruptedException {
    Window window = new Window();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Worker worker = new Worker(i, token, source, window);
      workers.add(worker);
      worker.thread.start();
    }
    try {
      TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
      watch.warmedUp();
      long from = System.nanoTime();
      window.open(from, from + duration.toNanos());
      watch.measuring();
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
      watch.measured();
    } finally {
      // Ends the workers also when the watch failed or this thread was interrupted.
      window.closeNoLaterThan(System.nanoTime());
    }
    Tally all = new Tally();
    Map<String, Tally> parts = new LinkedHashMap<>();
    for (Worker worker : workers) {
      worker.thread.join();
      all.add(worker.all);
      worker.parts.forEach(
          (part, tally) -> parts.computeIfAbsent(part, p -> new Tally()).add(tally));
    }
    double seconds = duration.toNanos() / 1e9;
    Map<String, LoadResult> partResults = new LinkedHashMap<>();
    parts.forEach((part, tally) -> partResults.put(part, tally.result(seconds, Map.of())));
    return all.result(seconds, partResults);
  }

  /**
   * The measured window, unknown until the warm-up ends: until then it starts and ends at the end
   * of time, so that nothing is counted and no worker stops.
   */
  private static final class Window {
    private volatile long from = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void open(long from, long end) {
      this.end = end;
      this.from = from;
    }

    void closeNoLaterThan(long nanos) {
      if (end > nanos) {
        end = nanos;
      }
    }

    /** Whether a request sent and answered at these times falls inside the window. */
    boolean counts(long sent, long answered) {
      return sent >= from && answered <= end;
    }
  }

  /** Counts of one worker, or of all, for the whole scenario or one part of it. */
  private static final class Tally {
    private final Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
    private long requests;
    private long errors;
    private String firstError;

    void record(long latencyMicros, String error) {
      histogram.recordValue(Math.min(MAX_LATENCY_MICROS, latencyMicros));
      requests++;
      if (error != null) {
        errors++;
        if (firstError == null) {
          firstError = error;
        }
      }
    }

    void add(Tally other) {
      histogram.add(other.histogram);
      requests += other.requests;
      errors += other.errors;
      if (firstError == null) {
        firstError = other.firstError;
      }
    }

    LoadResult result(double seconds, Map<String, LoadResult> parts) {
      return new LoadResult(requests, errors, seconds, histogram, firstError, parts);
    }
  }

  private final class Worker implements Runnable {
    private final int number;
    private final String token;
    private final RequestSource source;
    private final Window window;
    private final Tally all = new Tally();
    private final Map<String, Tally> parts = new LinkedHashMap<>();
    private final Thread thread;

    Worker(int number, String token, RequestSource source, Window window) {
      this.number = number;
      this.token = token;
      this.source = source;
      this.window = window;
      this.thread = Thread.ofPlatform().name("load-" + number).unstarted(this);
    }

    @Override
    public void run() {
      try (LoopbackHttpConnection connection = new LoopbackHttpConnection(port, token)) {
        long previous = System.nanoTime() - intervalNanos;
        for (long sequence = 0; ; sequence++) {
          pause(previous + intervalNanos - System.nanoTime());
          long sent = System.nanoTime();
          previous = sent;
          if (sent >= window.end) {
            return;
          }
          BenchRequest request = source.next(number, sequence);
          String error;
          long pauseNanos = 0;
          try {
            LoopbackHttpConnection.Response response =
                connection.send(request.method(), request.target(), request.body());
            error =
                response.status() == request.expectedStatus()
                    ? null
                    : response.status() + " " + abbreviated(response.text());
            if (honorRetryAfter && response.status() == 429 && response.retryAfterSeconds() > 0) {
              pauseNanos = TimeUnit.SECONDS.toNanos(response.retryAfterSeconds());
            }
          } catch (IOException e) {
            connection.close();
            error = "I/O error: " + e.getMessage();
          }
          long answered = System.nanoTime();
          // Requests that started in the warm-up, or ended after the deadline, are not counted.
          if (window.counts(sent, answered)) {
            long latencyMicros = (answered - sent) / 1_000;
            String described =
                error == null ? null : request.method() + " " + request.target() + " -> " + error;
            all.record(latencyMicros, described);
            if (request.part() != null) {
              parts
                  .computeIfAbsent(request.part(), part -> new Tally())
                  .record(latencyMicros, described);
            }
          }
          pause(Math.min(pauseNanos, window.end - System.nanoTime()));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot close connection " + number, e);
      }
    }
  }

  private static void pause(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
