package com.classlark.scim.bench.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches the server process's CPU over one scenario, from Linux's /proc: how much it used while
 * measured, and how much of that its JIT compiler threads took. Optionally it stretches the warm-up
 * until the compilers have gone quiet.
 *
 * <p>A server still compiling its hot paths measures slower than it runs once warm, by a margin
 * that depends on how far the compiler has got. On this 2-core machine {@code PATCH /Users/{id}}
 * kept HotSpot's C2 compiler busy at a third of a core for about 50 s, so a window inside that time
 * measured the compiler as much as the server.
 */
final class ServerCpu implements LoadGenerator.Watch {
  /** Compilers below this share of the server's CPU over {@link #QUIET_SAMPLE} count as quiet. */
  static final double QUIET_SHARE = 0.03;

  private static final Duration QUIET_SAMPLE = Duration.ofSeconds(2);

  /**
   * Linux's clock ticks per second in /proc's CPU times ({@code getconf CLK_TCK}): 100 on every
   * architecture Linux runs the JDK on.
   */
  private static final int TICKS_PER_SECOND = 100;

  private final long pid;
  private final Duration longestExtraWarmup;
  private Duration extraWarmup = Duration.ZERO;
  private Ticks from;
  private Ticks to;
  private boolean unreadable;

  /**
   * @param longestExtraWarmup how long to go on warming up, after the set warm-up, while the
   *     compilers are busy; zero not to
   */
  ServerCpu(long pid, Duration longestExtraWarmup) {
    this.pid = pid;
    this.longestExtraWarmup = longestExtraWarmup;
  }

  /**
   * What the process used while measured: cores (CPU seconds per second), the compilers' share of
   * it, and by how much the warm-up was stretched.
   */
  record Usage(double cores, double compilerShare, Duration extraWarmup) {}

  @Override
  public void warmedUp() throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + longestExtraWarmup.toNanos();
    while (!unreadable && System.nanoTime() < deadline) {
      Ticks before = ticksOrNull();
      TimeUnit.NANOSECONDS.sleep(QUIET_SAMPLE.toNanos());
      Ticks after = ticksOrNull();
      if (before == null || after == null || after.compilerShareSince(before) < QUIET_SHARE) {
        break;
      }
    }
    extraWarmup = Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void measuring() {
    from = ticksOrNull();
  }

  @Override
  public void measured() {
    to = ticksOrNull();
  }

  /** The usage while measured, or null when /proc could not tell it (not Linux). */
  Usage usage() {
    if (from == null || to == null) {
      return null;
    }
    double seconds = (to.nanos() - from.nanos()) / 1e9;
    return new Usage(
        (to.process() - from.process()) / (double) TICKS_PER_SECOND / seconds,
        to.compilerShareSince(from),
        extraWarmup);
  }

  private record Ticks(long nanos, long process, long compilers) {
    double compilerShareSince(Ticks earlier) {
      long used = process - earlier.process;
      // A compiler thread that ended takes its ticks with it: the share is then at least 0.
      return used <= 0 ? 0 : Math.max(0, compilers - earlier.compilers) / (double) used;
    }
  }

  private Ticks ticksOrNull() {
    try {
      return ticks();
    } catch (IOException e) {
      unreadable = true;
      return null;
    }
  }

  private Ticks ticks() throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    long compilers = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          if (isCompiler(Files.readString(task.resolve("comm")))) {
            compilers += cpuTicks(Files.readString(task.resolve("stat")));
          }
        } catch (IOException threadEnded) {
          // A thread that ended between the listing and the read uses no more CPU.
        }
      }
    }
    return new Ticks(
        System.nanoTime(), cpuTicks(Files.readString(proc.resolve("stat"))), compilers);
  }

  /**
   * True for HotSpot's JIT compiler threads, "C1 CompilerThread0", "C2 CompilerThread1" and so on,
   * of which /proc's {@code comm} keeps the first 15 bytes and a newline.
   */
  static boolean isCompiler(String comm) {
    return comm.strip().matches("C[12] CompilerThre.*");
  }

  /**
   * User and system time of a /proc {@code stat} line. The command name in parentheses may hold
   * spaces, so the fields are counted from its closing parenthesis: utime and stime are the 14th
   * and 15th fields, the 12th and 13th after it.
   */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
