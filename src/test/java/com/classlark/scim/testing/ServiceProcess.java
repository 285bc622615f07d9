package com.classlark.scim.testing;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.Account;
import com.classlark.scim.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The built jar ({@code target/classlark-scim.jar}, so only in {@code *IT} tests) serving as a
 * child process on 127.0.0.1, started as {@code ./classlark-scim} starts it: with the service's JVM
 * options from {@code scripts/find-java.sh}. Its log (stderr) goes to a file.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target", "classlark-scim.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path log;
  private final List<String> output;
  private final Thread reader;

  private ServiceProcess(Process process, int port, Path log, List<String> output, Thread reader) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.output = output;
    this.reader = reader;
  }

  /** A database migrated for the service, with one school; returns a token of that school. */
  public static String provision(TestDatabase database) {
    try (Database db = Database.open(database.target())) {
      db.migrate();
      Services services = Services.over(db, Clock.systemUTC());
      Account school = services.accounts().create("Process School");
      return services.tokens().issue(school.id(), "test", null).secret();
    }
  }

  /**
   * Starts {@code serve --host 127.0.0.1 --port <free> --db <db> ARGS} and waits until it prints
   * that it listens.
   *
   * @param environment extra environment, e.g. {@code CLASSLARK_JAVA_OPTS}
   */
  public static ServiceProcess start(
      TestDatabase database, Map<String, String> environment, String... serveArguments)
      throws IOException {
    int port = freePort();
    Path log = Files.createTempFile("classlark-service-", ".log");
    Process process =
        serve(database, port, environment, serveArguments)
            .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
            .start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader out =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                      output.add(line);
                      if (line.startsWith("Press Ctrl+C")) {
                        listening.complete(null);
                      }
                    }
                  } catch (IOException ended) {
                    // the process ended; whoever waits learns it below
                  }
                  listening.completeExceptionally(new IOException("the service ended its output"));
                });
    ServiceProcess service = new ServiceProcess(process, port, log, output, reader);
    try {
      listening.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      service.close();
      throw new IOException("the service did not start; its log:\n" + service.log(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
      throw new IOException(e);
    }
    return service;
  }

  /**
   * The command {@code java <service options> -jar target/classlark-scim.jar serve --host 127.0.0.1
   * --port PORT --db DB ARGS}, to be started.
   */
  public static ProcessBuilder serve(
      TestDatabase database, int port, Map<String, String> environment, String... serveArguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions(environment));
    command.addAll(
        List.of(
            "-jar",
            JAR.toString(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--db",
            database.spec()));
    command.addAll(Arrays.asList(serveArguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return builder;
  }

  /**
   * The service's JVM options as {@code scripts/find-java.sh} prints them for this environment (its
   * {@code CLASSLARK_JAVA_OPTS} replaces the heap and collector).
   */
  public static List<String> javaOptions(Map<String, String> environment) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", ". scripts/find-java.sh && service_java_options \"$PWD\"");
    builder.environment().remove("CLASSLARK_JAVA_OPTS");
    builder.environment().putAll(environment);
    Process shell = builder.redirectErrorStream(true).start();
    String options = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (shell.waitFor() != 0) {
        throw new IOException("scripts/find-java.sh failed: " + options);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return List.of(options.strip().split("\\s+"));
  }

  /** A loopback port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Process process() {
    return process;
  }

  /** What the service wrote to stdout (all of it once the process ended). */
  public List<String> output() throws InterruptedException {
    if (!process.isAlive()) {
      reader.join(Duration.ofSeconds(10));
    }
    return List.copyOf(output);
  }

  /** What the service logged (its stderr) so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Java heap in use after a full collection (the live data), in MiB. */
  public double liveHeapMiB() throws IOException, InterruptedException {
    return JavaHeap.of(process.pid(), true).usedMiB();
  }

  /** Sends SIGTERM and waits for the process to end; returns its exit status. */
  public int terminate(Duration wait) throws InterruptedException {
    process.destroy();
    return awaitExit(wait);
  }

  /** Waits for the process to end; returns its exit status. */
  public int awaitExit(Duration wait) throws InterruptedException {
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the service did not end within " + wait + "; its log:\n" + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
