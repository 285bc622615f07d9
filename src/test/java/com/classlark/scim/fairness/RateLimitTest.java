package com.classlark.scim.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ScimClient;
import com.classlark.scim.testing.ServerPerEngine;
import com.classlark.scim.testing.TestServer;
import com.classlark.scim.web.FairnessSettings;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Each school's request rate over real HTTP: a token bucket of 3 requests refilled at 1 per second
 * of the server's clock, which the test moves by hand, so nothing here depends on how fast the
 * machine is.
 */
class RateLimitTest extends ServerPerEngine {
  private static final String LIMITED =
      Bodies.error(
          429,
          null,
          "This school sent more than 1 request per second (bursts of up to 3). Retry after 1"
              + " second.");

  static int schools;

  ScimClient school;

  /** Hides {@link ServerPerEngine}'s default server: this class needs other settings. */
  @BeforeParameterizedClassInvocation
  static void startServer(Engine engine) {
    start(
        TestServer.start(
            engine, config -> config.withFairness(new FairnessSettings(1, 3, 0, Duration.ZERO))));
  }

  /** A school of its own for every test: its bucket starts full. */
  @BeforeEach
  void newSchool() {
    school = server.clientForNewSchool("Rate Limited School " + ++schools);
  }

  private static void assertLimited(HttpResult result) {
    assertThat(result.status()).isEqualTo(429);
    assertThat(result.header("Retry-After")).isEqualTo("1");
    assertThat(result.header("Content-Type")).isEqualTo("application/scim+json; charset=utf-8");
    assertThat(result.body()).isEqualTo(LIMITED);
  }

  @Test
  void requestsBeyondTheBurstGet429WithRetryAfterAndAScimError() {
    for (int i = 0; i < 3; i++) {
      assertThat(school.get("/scim/v2/Users?count=0").status()).isEqualTo(200);
    }

    assertLimited(school.get("/scim/v2/Users?count=0"));
    assertLimited(school.post("/scim/v2/Users", Bodies.staff(Bodies.uniqueEmail("refused"))));
  }

  @Test
  void refusedRequestsChangeNothing() {
    for (int i = 0; i < 3; i++) {
      school.get("/scim/v2/ServiceProviderConfig");
    }
    String userName = Bodies.uniqueEmail("not.created");

    assertLimited(school.post("/scim/v2/Users", Bodies.staff(userName)));

    server.clock().advance(Duration.ofSeconds(1));
    HttpResult search = school.get("/scim/v2/Users?filter=userName%20eq%20%22" + userName + "%22");
    assertThat(search.status()).isEqualTo(200);
    assertThat(search.json().path("totalResults").asInt()).isZero();
  }

  @Test
  void theBucketRefillsAtTheConfiguredRateAsTheClockMoves() {
    for (int i = 0; i < 3; i++) {
      school.get("/scim/v2/ServiceProviderConfig");
    }
    assertLimited(school.get("/scim/v2/ServiceProviderConfig"));

    server.clock().advance(Duration.ofSeconds(1));

    assertThat(school.get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
    assertLimited(school.get("/scim/v2/ServiceProviderConfig"));

    server.clock().advance(Duration.ofSeconds(10));

    for (int i = 0; i < 3; i++) {
      assertThat(school.get("/scim/v2/ServiceProviderConfig").status())
          .as("request %d after the bucket filled up again, never above its size", i)
          .isEqualTo(200);
    }
    assertLimited(school.get("/scim/v2/ServiceProviderConfig"));
  }

  @Test
  void anotherSchoolIsUnaffected() {
    ScimClient other = server.clientForNewSchool("Unaffected School " + ++schools);
    for (int i = 0; i < 3; i++) {
      school.get("/scim/v2/ServiceProviderConfig");
    }
    assertLimited(school.get("/scim/v2/ServiceProviderConfig"));

    for (int i = 0; i < 3; i++) {
      assertThat(other.get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
    }
  }

  @Test
  void requestsThatActForNoSchoolAreNotCounted() {
    ScimClient anonymous = school.withoutHeader("Authorization");
    for (int i = 0; i < 10; i++) {
      assertThat(anonymous.get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(401);
      assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
    }

    for (int i = 0; i < 3; i++) {
      assertThat(school.get("/scim/v2/ServiceProviderConfig").status()).isEqualTo(200);
    }
  }

  @Test
  void zeroTurnsTheLimitsOff() {
    try (TestServer unlimited =
        TestServer.start(
            engine, config -> config.withFairness(new FairnessSettings(0, 1, 0, Duration.ZERO)))) {
      ScimClient client = unlimited.client();
      for (int i = 0; i < 50; i++) {
        assertThat(client.get("/scim/v2/Users?count=0").status())
            .as("request %d, the clock standing still", i)
            .isEqualTo(200);
      }
    }
  }
}
