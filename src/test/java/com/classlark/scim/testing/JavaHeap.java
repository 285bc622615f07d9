package com.classlark.scim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java heap of another process as {@code jcmd GC.heap_info} reports it, summed over the
 * generations, in MiB.
 */
public record JavaHeap(double committedMiB, double usedMiB) {
  /**
   * A space of the heap in {@code jcmd GC.heap_info}: {@code garbage-first heap total reserved …,
   * committed 262144K, used 11043K} (G1), or one line per generation, {@code DefNew total 9792K,
   * used 5710K} and {@code Tenured total 21888K, used 3501K} (Serial, also Parallel's {@code
   * PSYoungGen} and {@code ParOldGen}).
   */
  private static final Pattern HEAP_SPACE =
      Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K");

  /**
   * The heap of process {@code pid}, optionally after a full collection (then "used" is the live
   * data).
   */
  public static JavaHeap of(long pid, boolean afterFullGc)
      throws IOException, InterruptedException {
    if (afterFullGc) {
      jcmd(pid, "GC.run");
    }
    Matcher space = HEAP_SPACE.matcher(jcmd(pid, "GC.heap_info"));
    long committedKiB = 0;
    long usedKiB = 0;
    boolean found = false;
    while (space.find()) {
      committedKiB += Long.parseLong(space.group(1));
      usedKiB += Long.parseLong(space.group(2));
      found = true;
    }
    if (!found) {
      throw new IOException("cannot read the heap from jcmd GC.heap_info");
    }
    return new JavaHeap(committedKiB / 1024.0, usedKiB / 1024.0);
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process run =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
      throw new IOException("jcmd " + command + " failed: " + output);
    }
    return output;
  }
}
