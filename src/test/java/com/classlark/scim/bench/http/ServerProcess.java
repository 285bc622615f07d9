package com.classlark.scim.bench.http;

import com.classlark.scim.testing.JavaHeap;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service under test: {@code classlark-scim serve} from the jar as a child process on
 * 127.0.0.1, run by {@link BaselineServer} so that it also has the benchmark baseline route, and so
 * that its resident memory and heap are its own and not the load generator's. Its output goes to a
 * log file.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Duration startToFirstAnswer;

  private ServerProcess(Process process, int port, Duration startToFirstAnswer) {
    this.process = process;
    this.port = port;
    this.startToFirstAnswer = startToFirstAnswer;
  }

  /**
   * Starts the jar and waits until {@code /readyz} answers 200: the port opens before the database
   * is open and migrated, and until then every other request gets 503.
   *
   * @param launcher what the {@code java} command runs under, e.g. {@code taskset -c 0}; may be
   *     empty
   * @param db the {@code --db} value
   * @param javaOptions extra JVM options for the server, e.g. {@code -Xmx256m}; may be empty
   * @param serveOptions extra options of {@code serve}, e.g. {@code --rate-limit 0}; may be empty
   */
  static ServerProcess start(
      List<String> launcher,
      Path jar,
      String db,
      List<String> javaOptions,
      List<String> serveOptions,
      Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    command.addAll(
        List.of(
            "-cp",
            jar + File.pathSeparator + testClasses(),
            BaselineServer.class.getName(),
            "--db",
            db,
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port)));
    command.addAll(serveOptions);
    Files.createDirectories(log.toAbsolutePath().getParent());
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      Duration waited = awaitHealthy(process, port, started, log);
      return new ServerProcess(process, port, waited);
    } catch (IOException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Where {@link BaselineServer} was loaded from: the test classes. */
  private static String testClasses() throws IOException {
    try {
      return Path.of(
              BaselineServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IOException("cannot locate the test classes", e);
    }
  }

  private static Duration awaitHealthy(Process process, int port, long started, Path log)
      throws IOException, InterruptedException {
    long deadline = started + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "the server exited with " + process.exitValue() + " at start; see " + log);
      }
      try (LoopbackHttpConnection connection = new LoopbackHttpConnection(port, null)) {
        if (connection.send("GET", "/readyz", null).status() == 200) {
          return Duration.ofNanos(System.nanoTime() - started);
        }
      } catch (IOException notYetListening) {
        // Polled again below.
      }
      Thread.sleep(2);
    }
    throw new IOException(
        "the server was not ready (/readyz) within " + START_TIMEOUT + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  /** From starting the process to the first 200 from {@code /readyz}. */
  Duration startToFirstAnswer() {
    return startToFirstAnswer;
  }

  /** Resident memory now and at its peak ({@code VmRSS}, {@code VmHWM} of /proc), in MiB. */
  Memory residentMemory() throws IOException {
    long rss = -1;
    long peak = -1;
    for (String line :
        Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kibibytes(line);
      } else if (line.startsWith("VmHWM:")) {
        peak = kibibytes(line);
      }
    }
    return new Memory(rss / 1024.0, peak / 1024.0);
  }

  /**
   * Resets the peak resident memory ({@code VmHWM}) to the current one, so that a later {@link
   * #residentMemory} gives the peak since now (Linux: {@code echo 5 > /proc/<pid>/clear_refs}).
   *
   * @return false when this kernel does not allow it; {@code VmHWM} then stays the peak since start
   */
  boolean resetPeakResident() {
    try {
      Files.writeString(Path.of("/proc", Long.toString(process.pid()), "clear_refs"), "5");
      return true;
    } catch (IOException notAllowed) {
      return false;
    }
  }

  long pid() {
    return process.pid();
  }

  /** Resident memory in MiB, now and the most ever. */
  record Memory(double residentMiB, double peakResidentMiB) {}

  private static long kibibytes(String statusLine) {
    return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
  }

  /**
   * The Java heap as {@code jcmd GC.heap_info} reports it, optionally after a full collection (then
   * "used" is the live data).
   */
  JavaHeap heap(boolean afterFullGc) throws IOException, InterruptedException {
    return JavaHeap.of(process.pid(), afterFullGc);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
