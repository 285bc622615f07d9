package com.classlark.scim.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one school from slowing the others down: each school has a token bucket (its request rate
 * and burst) and a cap on its requests in progress, so that it never holds more than its share of
 * the connection pool. Both apply per node, right after an adapter authenticated the request
 * ({@link WebRequest#authenticatedSchool}) and before the route does any work; a request over
 * either gets 429 with {@code Retry-After} in whole seconds, written by the adapter that owns it.
 *
 * <p>Memory is bounded whoever calls: the buckets of at most {@value #MAX_TRACKED_SCHOOLS} schools,
 * each dropped once it has been idle long enough to be full again (so dropping it loses nothing),
 * and concurrency slots only for schools with requests in progress.
 */
public final class SchoolFairness {
  static final int MAX_TRACKED_SCHOOLS = 10_000;
  private static final String SLOT_ATTRIBUTE = "classlark.fairnessSlot";
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final FairnessSettings settings;
  private final Metrics metrics;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;
  private final ConcurrentHashMap<String, Slots> slots = new ConcurrentHashMap<>();

  /** A school's concurrency permits and how many requests hold or wait for one. */
  private static final class Slots {
    final Semaphore permits;
    int users;

    Slots(int permits) {
      this.permits = new Semaphore(permits, true);
    }
  }

  private record Held(String school, Slots slots) {}

  /**
   * @param clock the time buckets refill by (tests move it by hand)
   */
  public SchoolFairness(FairnessSettings settings, Clock clock, Metrics metrics) {
    this(settings, clock, metrics, MAX_TRACKED_SCHOOLS);
  }

  SchoolFairness(FairnessSettings settings, Clock clock, Metrics metrics, int maxTrackedSchools) {
    this.settings = settings;
    this.metrics = metrics;
    this.time = clockMeter(clock);
    this.buckets =
        settings.rateLimited()
            ? Caffeine.newBuilder()
                .maximumSize(maxTrackedSchools)
                .expireAfterAccess(timeToFill(settings))
                .ticker(clockTicker(clock))
                .executor(Runnable::run)
                .build()
            : null;
    metrics
        .registry()
        .ifPresent(
            registry -> {
              Gauge.builder(
                      "classlark.fairness.schools.tracked", this, SchoolFairness::trackedSchools)
                  .description(
                      "Schools whose rate or concurrency state this node keeps (bounded by "
                          + maxTrackedSchools
                          + " buckets)")
                  .register(registry);
              Gauge.builder(
                      "classlark.fairness.requests.admitted",
                      this,
                      SchoolFairness::holdingOrWaiting)
                  .description("Requests that hold or wait for a concurrency slot of their school")
                  .register(registry);
            });
  }

  /** No limits. */
  public static SchoolFairness off() {
    return new SchoolFairness(FairnessSettings.OFF, Clock.systemUTC(), Metrics.off());
  }

  public FairnessSettings settings() {
    return settings;
  }

  /**
   * Admits the request under the fair share of the school it acts for, or throws the 429 failure; a
   * request that acts for no school passes. An admitted request must be {@linkplain #release
   * released} when it ends.
   */
  void admit(Context ctx) {
    String school = WebRequest.schoolOrNull(ctx);
    if (school == null) {
      return;
    }
    if (buckets != null) {
      long seconds = retryAfterSeconds(school);
      if (seconds > 0) {
        throw refused(
            ctx,
            "rate",
            seconds,
            "This school sent more than "
                + count(settings.ratePerSecond(), "request")
                + " per second (bursts of up to "
                + settings.burst()
                + "). Retry after "
                + seconds(seconds)
                + ".");
      }
    }
    if (settings.concurrencyCapped()) {
      ctx.attribute(SLOT_ATTRIBUTE, acquire(ctx, school));
    }
  }

  /** Frees the concurrency slot of an admitted request; does nothing for any other request. */
  void release(Context ctx) {
    Held held = ctx.attribute(SLOT_ATTRIBUTE);
    if (held != null) {
      ctx.attribute(SLOT_ATTRIBUTE, null);
      held.slots().permits.release();
      leave(held);
    }
  }

  /**
   * Takes a token from the school's bucket: 0 when there was one, otherwise the whole seconds (at
   * least 1) until there is.
   */
  long retryAfterSeconds(String school) {
    ConsumptionProbe probe = buckets.get(school, this::newBucket).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : wholeSecondsAtLeastOne(probe.getNanosToWaitForRefill());
  }

  /** How many schools the limiter keeps state for now (the metric of its memory bound). */
  private double trackedSchools() {
    if (buckets != null) {
      buckets.cleanUp();
    }
    return Math.max(buckets == null ? 0 : buckets.estimatedSize(), slots.size());
  }

  /** Requests of every school that hold or wait for a concurrency slot. */
  private double holdingOrWaiting() {
    return slots.values().stream().mapToInt(current -> current.users).sum();
  }

  private Held acquire(Context ctx, String school) {
    Slots schoolSlots =
        slots.compute(
            school,
            (key, existing) -> {
              Slots current =
                  existing == null ? new Slots(settings.concurrentRequests()) : existing;
              current.users++;
              return current;
            });
    Held held = new Held(school, schoolSlots);
    boolean acquired;
    try {
      acquired =
          schoolSlots.permits.tryAcquire(settings.queueTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      leave(held);
      throw refused(
          ctx,
          "concurrency",
          1,
          "This school has "
              + count(settings.concurrentRequests(), "request")
              + " in progress, the most it may have at once"
              + (settings.queueTimeout().isZero()
                  ? ""
                  : ", and none of them finished within " + seconds(settings.queueTimeout()))
              + ". Send fewer requests in parallel; retry after 1 second.");
    }
    return held;
  }

  private void leave(Held held) {
    slots.computeIfPresent(held.school(), (key, current) -> --current.users == 0 ? null : current);
  }

  private WebFailureException refused(Context ctx, String limit, long retryAfter, String detail) {
    metrics.rateLimited(limit);
    ctx.header("Retry-After", Long.toString(retryAfter));
    return new WebFailureException(new WebFailure(WebFailure.Reason.RATE_LIMITED, 429, detail));
  }

  private Bucket newBucket(String school) {
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(settings.burst())
                    .refillGreedy(settings.ratePerSecond(), Duration.ofSeconds(1)))
        .withCustomTimePrecision(time)
        .build();
  }

  /** How long an untouched bucket takes to fill up from empty: after that it can be dropped. */
  private static Duration timeToFill(FairnessSettings settings) {
    long nanos = Math.ceilDiv(settings.burst() * NANOS_PER_SECOND, settings.ratePerSecond());
    return Duration.ofNanos(Math.max(NANOS_PER_SECOND, nanos));
  }

  private static long wholeSecondsAtLeastOne(long nanos) {
    return Math.max(1, Math.ceilDiv(nanos, NANOS_PER_SECOND));
  }

  private static String seconds(long seconds) {
    return count(seconds, "second");
  }

  private static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? seconds(millis / 1000) : millis + " ms";
  }

  private static long epochNanos(Clock clock) {
    Instant now = clock.instant();
    return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
  }

  private static TimeMeter clockMeter(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return epochNanos(clock);
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  private static Ticker clockTicker(Clock clock) {
    return () -> epochNanos(clock);
  }
}
