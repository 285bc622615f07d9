package com.classlark.scim.bulk;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.staff;
import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.scim.BulkSettings;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.TestServer;
import com.classlark.scim.web.HttpSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** {@code maxOperations} and {@code maxPayloadSize} of the bulk configuration (RFC 7644 §3.7.4). */
class BulkLimitsTest extends BulkExchanges {
  static final int MAX_OPERATIONS = 10;
  static final int MAX_PAYLOAD = 16_384;

  /** Hides {@link ServerPerEngine}'s default server: this class needs small bulk limits. */
  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(
        TestServer.start(
            engine,
            new HttpSettings("127.0.0.1", 0, HttpSettings.DEFAULT_MAX_BODY_BYTES, null),
            new BulkSettings(MAX_OPERATIONS, MAX_PAYLOAD)));
  }

  @Test
  void moreOperationsThanMaxOperationsIs413AndRunsNothing() {
    List<String> operations = new ArrayList<>();
    List<String> userNames = new ArrayList<>();
    for (int index = 0; index <= MAX_OPERATIONS; index++) {
      String userName = uniqueEmail("over");
      userNames.add(userName);
      operations.add(postUser("b" + index, userName));
    }

    HttpResult result = client.post("/Bulk", bulk(operations.toArray(String[]::new)));

    assertThat(result.status()).isEqualTo(413);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(413, null, "The number of operations (11) exceeds the maxOperations (10).")));
    assertThat(count("/Users", "userName eq \"" + userNames.get(0) + "\"")).isZero();
  }

  @Test
  void aBodyOverMaxPayloadSizeIs413AndRunsNothing() {
    String userName = uniqueEmail("large");
    String body =
        bulk(
            "{'method':'POST','path':'/Users','bulkId':'big','data':"
                + staff(userName).replace("}", ",\"title\":\"" + "x".repeat(MAX_PAYLOAD) + "\"}")
                + "}");
    assertThat(body.length())
        .isGreaterThan(MAX_PAYLOAD)
        .isLessThan((int) HttpSettings.DEFAULT_MAX_BODY_BYTES);

    HttpResult result = client.post("/Bulk", body);

    assertThat(result.status()).isEqualTo(413);
    assertThat(result.json())
        .isEqualTo(
            Bodies.parse(
                error(
                    413,
                    null,
                    "The size of the bulk operation exceeds the maxPayloadSize (16384).")));
    assertThat(count("/Users", "userName eq \"" + userName + "\"")).isZero();
  }
}
