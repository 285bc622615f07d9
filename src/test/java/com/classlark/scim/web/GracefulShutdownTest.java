package com.classlark.scim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.RawHttp;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop: {@code /readyz} turns 503 at once, requests are served for the drain window,
 * then new connections are refused and a request completed on an open connection gets 503 in its
 * owner's format, while the request in flight finishes.
 */
class GracefulShutdownTest {

  @Test
  void stopTurnsReadinessOffThenRefusesNewRequestsAndLetsTheOneInFlightFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpSettings settings =
        new HttpSettings(
            "127.0.0.1",
            0,
            2048,
            null,
            ConnectionLimits.DEFAULTS,
            new ShutdownSettings(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    WebServer server =
        WebServer.create(
                settings, () -> true, List.of(new TextAdapter("root", "", entered, release)))
            .start();
    int port = server.port();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        RawHttp.KeepAlive held = new RawHttp.KeepAlive(port);
        RawHttp.KeepAlive poller = new RawHttp.KeepAlive(port);
        RawHttp.KeepAlive late = new RawHttp.KeepAlive(port)) {
      assertThat(poller.get("/readyz").body()).isEqualTo("ready");
      Future<RawHttp.Response> inFlight = threads.submit(() -> held.get("/held"));
      entered.await();
      // A request whose head is still arriving, a byte every 100 ms, when the server stops.
      late.write("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ");
      ScheduledFuture<?> padding =
          trickle.scheduleAtFixedRate(() -> write(late, "a"), 100, 100, TimeUnit.MILLISECONDS);

      Future<Boolean> stopped = threads.submit(server::stopGracefully);
      List<String> answers = new ArrayList<>();
      try {
        RawHttp.Response answer;
        do {
          answer = poller.get("/readyz");
          answers.add(answer.status() + " " + answer.body());
        } while (!"close".equalsIgnoreCase(answer.header("Connection")));
      } catch (EOFException closedBetweenRequests) {
        answers.add("closed");
      }
      padding.cancel(false);
      late.write("\r\n\r\n");

      assertThat(answers).contains("503 shutting down");
      RawHttp.Response refused = late.read();
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body())
          .isEqualTo(
              "root 503 SHUTTING_DOWN: The service is shutting down and did not process this"
                  + " request; send it again. (/hello)");
      // The listening socket closes when Jetty's acceptor thread wakes from accept(): soon, but
      // not necessarily before this line on a loaded machine. It must close while the request in
      // flight still holds the stop.
      Conditions.await(
          "new connections to be refused", Duration.ofSeconds(10), () -> refused(port));
      assertThat(stopped).isNotDone();

      release.countDown();
      RawHttp.Response finished = inFlight.get();
      assertThat(finished.status()).isEqualTo(200);
      assertThat(finished.body()).isEqualTo("root released");
      assertThat(stopped.get()).isTrue();
    } finally {
      trickle.shutdownNow();
      server.close();
    }
  }

  private static boolean refused(int port) {
    try {
      new RawHttp.KeepAlive(port).close();
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(RawHttp.KeepAlive connection, String bytes) {
    try {
      connection.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
