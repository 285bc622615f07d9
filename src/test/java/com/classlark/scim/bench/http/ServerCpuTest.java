package com.classlark.scim.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading /proc's CPU times and telling the JIT compiler threads apart. */
class ServerCpuTest {
  @Test
  void userAndSystemTimeAreTheFourteenthAndFifteenthFields() {
    String stat =
        "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 1200 0 3 0 579 21 0 0 20 0 45 0"
            + " 1234567 2482580000 33381 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 -1 0";

    assertThat(ServerCpu.cpuTicks(stat)).isEqualTo(600);
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String stat = "7 (odd) name ) x) R 1 7 7 0 -1 0 0 0 0 0 13 8 0 0 20 0 1 0 99 0 0";

    assertThat(ServerCpu.cpuTicks(stat)).isEqualTo(21);
  }

  @Test
  void onlyTheCompilerThreadsCountAsCompiling() {
    assertThat(ServerCpu.isCompiler("C2 CompilerThre\n")).isTrue();
    assertThat(ServerCpu.isCompiler("C1 CompilerThre\n")).isTrue();
    assertThat(ServerCpu.isCompiler("ForkJoinPool-1-\n")).isFalse();
    assertThat(ServerCpu.isCompiler("Common-Cleaner\n")).isFalse();
    assertThat(ServerCpu.isCompiler("C3 CompilerThre\n")).isFalse();
  }
}
