package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.ServiceProcess;
import com.classlark.scim.testing.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code serve} on a port that is taken: one clean line, no library's error or stack trace. */
class PortInUseIT {

  @Test
  void aTakenPortPrintsOneCleanErrorLine() throws Exception {
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE);
        ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Process process =
          ServiceProcess.serve(database, taken.getLocalPort(), Map.of())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(process.exitValue()).isEqualTo(1);
      assertThat(stderr.lines())
          .containsExactly(
              "error: port "
                  + taken.getLocalPort()
                  + " on 127.0.0.1 is already in use; choose another with --port or CLASSLARK_PORT");
    }
  }
}
