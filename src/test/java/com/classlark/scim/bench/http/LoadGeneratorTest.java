package com.classlark.scim.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.Application;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The load generator's measured window, when a watch stretches the warm-up. */
class LoadGeneratorTest {
  @Test
  void requestsOfAStretchedWarmUpAreNotCountedAndTheWatchSeesTheWindowInOrder() throws Exception {
    try (TestDatabase database = TestDatabase.create(Engine.SQLITE);
        Application application = BaselineServerTest.startWithBaseline(database)) {
      AtomicLong sent = new AtomicLong();
      RequestSource source =
          (worker, sequence) -> {
            sent.incrementAndGet();
            return BenchRequest.get(BaselineServer.PATH);
          };
      List<String> seen = new ArrayList<>();
      AtomicLong sentInWarmUp = new AtomicLong();
      LoadGenerator.Watch watch =
          new LoadGenerator.Watch() {
            @Override
            public void warmedUp() {
              // The set warm-up is zero: these 300 requests are all the watch's stretch.
              Conditions.await(
                  "300 requests in the warm-up", Duration.ofMinutes(1), () -> sent.get() >= 300);
              sentInWarmUp.set(sent.get());
              seen.add("warmedUp");
            }

            @Override
            public void measuring() {
              seen.add("measuring");
            }

            @Override
            public void measured() {
              seen.add("measured");
            }
          };

      LoadResult result =
          new LoadGenerator(application.port(), 2, Duration.ZERO, Duration.ofMillis(500))
              .run(null, source, watch);

      assertThat(seen).containsExactly("warmedUp", "measuring", "measured");
      assertThat(result.errors()).isZero();
      assertThat(result.requests()).isLessThanOrEqualTo(sent.get() - sentInWarmUp.get());
    }
  }
}
