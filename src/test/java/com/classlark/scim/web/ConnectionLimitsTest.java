package com.classlark.scim.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cap on connections: one over it waits, and idle connections are closed to make room. */
class ConnectionLimitsTest {

  @Test
  void aConnectionOverTheCapWaitsUntilIdleConnectionsAreClosedToMakeRoom() throws Exception {
    ConnectionLimits limits = new ConnectionLimits(3, Duration.ofSeconds(60), 8192, 100);
    HttpSettings settings =
        new HttpSettings("127.0.0.1", 0, 2048, null, limits, ShutdownSettings.DEFAULTS);
    try (WebServer server =
        WebServer.create(settings, () -> true, List.of(new TextAdapter("root", ""))).start()) {
      List<RawHttp.KeepAlive> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          RawHttp.KeepAlive connection = new RawHttp.KeepAlive(server.port());
          idle.add(connection);
          assertThat(connection.get("/hello").body()).isEqualTo("root hello");
        }

        try (RawHttp.KeepAlive waiting = new RawHttp.KeepAlive(server.port())) {
          assertThat(waiting.get("/hello").body()).isEqualTo("root hello");
        }

        // The fourth was let in only once an idle one was closed: with the idle timeout of 60 s
        // alone, all three would still be open.
        List<Boolean> closed = new ArrayList<>();
        for (RawHttp.KeepAlive connection : idle) {
          closed.add(connection.closedByServer());
        }
        assertThat(closed).contains(true);
      } finally {
        for (RawHttp.KeepAlive connection : idle) {
          connection.close();
        }
      }
    }
  }
}
