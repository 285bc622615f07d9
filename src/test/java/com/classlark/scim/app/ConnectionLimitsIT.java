package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.ServiceProcess;
import com.classlark.scim.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The real process with the service's JVM options (96 MiB heap): 2,000 idle keep-alive connections
 * and 500 slowloris connections (a header byte every 3 s) neither fill the heap nor lock out a
 * normal client, whose requests are answered.
 */
class ConnectionLimitsIT {
  /** Half the heap: far above what the service needs, far below what unbounded connections took. */
  private static final double LIVE_HEAP_BOUND_MIB = 48;

  @Test
  void idleAndSlowConnectionsNeitherFillTheHeapNorLockOutANormalClient() throws Exception {
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE)) {
      String token = ServiceProcess.provision(database);
      try (ServiceProcess service = ServiceProcess.start(database, Map.of());
          Attack attack = new Attack(service.port())) {
        double before = service.liveHeapMiB();
        attack.open(2000, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".repeat(2));
        attack.open(500, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
        attack.trickle();
        assertThat(attack.connectsTried.await(5, TimeUnit.MINUTES)).isTrue();

        HttpClient client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMinutes(2))
                .build();
        List<Double> liveHeap = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          HttpResponse<String> response =
              client.send(
                  HttpRequest.newBuilder(URI.create(service.baseUrl() + "/ServiceProviderConfig"))
                      .timeout(Duration.ofMinutes(2))
                      .header("Authorization", "Bearer " + token)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          liveHeap.add(service.liveHeapMiB());
        }

        assertThat(service.process().isAlive()).isTrue();
        assertThat(liveHeap).allSatisfy(mib -> assertThat(mib).isLessThan(LIVE_HEAP_BOUND_MIB));
        System.out.printf(
            "live heap before %.1f MiB, under attack %s MiB; %d of 2,500 attacking connections"
                + " connected, %d closed by the server%n",
            before, liveHeap, attack.connected.get(), attack.closedByServer.get());
      }
    }
  }

  /** Attacking connections: each sends its bytes, then holds the connection and reads. */
  private static final class Attack implements AutoCloseable {
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> slow = new CopyOnWriteArrayList<>();
    private final CountDownLatch connectsTried = new CountDownLatch(2500);
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    Attack(int port) {
      this.port = port;
    }

    void open(int count, String bytes) {
      for (int i = 0; i < count; i++) {
        Thread.ofVirtual().start(() -> hold(bytes));
      }
    }

    private void hold(String bytes) {
      Socket socket = new Socket();
      sockets.add(socket);
      try {
        try {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 120_000);
          connected.incrementAndGet();
        } finally {
          connectsTried.countDown();
        }
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        if (bytes.endsWith(": ")) {
          slow.add(socket);
        }
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
          // responses are read and dropped
        }
        closedByServer.incrementAndGet();
      } catch (IOException refusedOrReset) {
        // counted by connectsTried; the attack goes on with the others
      }
    }

    /** One more header byte on every slow connection every 3 s. */
    void trickle() {
      trickle.scheduleAtFixedRate(
          () -> {
            for (Socket socket : slow) {
              try {
                socket.getOutputStream().write('a');
              } catch (IOException closed) {
                slow.remove(socket);
              }
            }
          },
          3,
          3,
          TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      trickle.shutdownNow();
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
