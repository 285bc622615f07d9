package com.classlark.scim.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedRunTest {

  @Test
  void comparesRoundByRoundWithTheIntervalOfTheMeanChange() {
    // Changes of the rounds: -10%, -20%, 0%, -10%: mean -10%, sample deviation 0.0816.
    PairedRun.Comparison comparison =
        PairedRun.Comparison.of(
            new double[] {1_000, 2_000, 1_500, 3_000}, new double[] {900, 1_600, 1_500, 2_700});

    assertThat(comparison.meanA()).isEqualTo(1_875.0);
    assertThat(comparison.meanB()).isEqualTo(1_675.0);
    assertThat(comparison.meanChange()).isCloseTo(-0.10, within(1e-12));
    // t(3) = 3.182; half-width 3.182 * 0.08165 / 2 = 0.1299.
    assertThat(comparison.low()).isCloseTo(-0.2299, within(1e-4));
    assertThat(comparison.high()).isCloseTo(0.0299, within(1e-4));
    assertThat(comparison.medianChange()).isCloseTo(-0.10, within(1e-12));
  }

  @Test
  void aSteadyDifferenceUnderADriftingMachineHasANarrowInterval() {
    // The machine's speed halves and recovers, B is always 5% behind A in its round.
    double[] a = {3_000, 2_000, 1_500, 2_500, 3_000};
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] * 0.95;
    }

    PairedRun.Comparison comparison = PairedRun.Comparison.of(a, b);

    assertThat(comparison.meanChange()).isCloseTo(-0.05, within(1e-12));
    assertThat(comparison.high() - comparison.low()).isLessThan(1e-9);
    assertThat(comparison.medianChange()).isCloseTo(-0.05, within(1e-12));
  }

  @Test
  void theMedianOfAnOddNumberOfRoundsIsTheMiddleRound() {
    PairedRun.Comparison comparison =
        PairedRun.Comparison.of(new double[] {100, 100, 100}, new double[] {150, 90, 101});

    assertThat(comparison.medianChange()).isCloseTo(0.01, within(1e-12));
  }

  @Test
  void theMedianOfAnEvenNumberOfRoundsIsBetweenTheMiddleTwo() {
    PairedRun.Comparison comparison =
        PairedRun.Comparison.of(
            new double[] {100, 100, 100, 100}, new double[] {130, 100, 120, 110});

    assertThat(comparison.medianChange()).isCloseTo(0.15, within(1e-12));
  }

  @Test
  void needsAsManyRoundsOfBothAndAtLeastTwo() {
    assertThatThrownBy(() -> PairedRun.Comparison.of(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need at least two rounds of A and B, got 1 and 1");
    assertThatThrownBy(() -> PairedRun.Comparison.of(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("need at least two rounds of A and B, got 2 and 1");
  }

  @Test
  void studentsTComesFromItsTableAndTendsToTheNormal() {
    assertThat(PairedRun.studentT975(1)).isEqualTo(12.706);
    assertThat(PairedRun.studentT975(9)).isEqualTo(2.262);
    assertThat(PairedRun.studentT975(30)).isEqualTo(2.042);
    assertThat(PairedRun.studentT975(45)).isEqualTo(2.021);
    assertThat(PairedRun.studentT975(1_000)).isEqualTo(1.96);
    assertThatThrownBy(() -> PairedRun.studentT975(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theServersTakeTurnsGoingFirst() {
    assertThat(PairedRun.aFirst(0)).isTrue();
    assertThat(PairedRun.aFirst(1)).isFalse();
    assertThat(PairedRun.aFirst(2)).isTrue();
    assertThat(PairedRun.aFirst(3)).isFalse();
  }
}
