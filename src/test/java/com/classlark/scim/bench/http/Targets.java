package com.classlark.scim.bench.http;

import com.classlark.scim.testing.Engine;
import java.util.Locale;

/**
 * The targets of docs/benchmarks.md, checked against one run's results; a target whose scenarios
 * did not run (see {@code --only}) says so instead of a verdict.
 */
final class Targets {
  private static final String NOT_RUN = "not measured in this run (see --only)";

  /**
   * A membership change on the largest group may take at most this much longer than on the
   * smallest.
   */
  private static final double MEMBERSHIP_SLOWDOWN_PERCENT = 120;

  private Targets() {}

  static void check(
      BenchReport report,
      Engine engine,
      int staff,
      BenchGroups groups,
      ServerProcess.Memory afterLoad,
      long startUpMillis) {
    double baseline = report.baseline();
    Double byId = report.throughput(UserScenarios.GET_BY_ID);
    double share = engine == Engine.POSTGRES ? 40 : 50;
    report.target(
        String.format(Locale.ROOT, "GET /Users/{id} >= %.0f%% of baseline", share),
        byId == null ? null : 100 * byId / baseline,
        share,
        false,
        "%",
        NOT_RUN);
    Double filter = report.throughput(UserScenarios.FILTER_USER_NAME);
    report.target(
        "filter=userName eq >= 80% of GET /Users/{id}",
        filter == null || byId == null ? null : 100 * filter / byId, 80, false, "%", NOT_RUN);
    int depth = UserScenarios.depth(staff);
    Double cursorFirst = report.throughput(UserScenarios.CURSOR_FIRST);
    Double cursorDeep = report.throughput(UserScenarios.cursorDeep(depth));
    report.target(
        "cursor page at depth >= 80% of cursor page 1",
        cursorFirst == null || cursorDeep == null ? null : 100 * cursorDeep / cursorFirst,
        80,
        false,
        "%",
        NOT_RUN);
    Double indexFirst = report.throughput(UserScenarios.INDEX_FIRST);
    Double indexDeep = report.throughput(UserScenarios.indexDeep(depth));
    if (indexFirst != null && indexDeep != null) {
      report.figure(
          "indexDeepPercentOfFirst",
          "index page at depth, % of index page 1 (no target; reported)",
          100 * indexDeep / indexFirst,
          "%");
    }
    membership(report, groups, GroupScenarios.ADD);
    membership(report, groups, GroupScenarios.REMOVE);
    report.target(
        "resident memory after the load <= 300 MiB",
        afterLoad.residentMiB(),
        300,
        true,
        "MiB",
        NOT_RUN);
    report.target(
        "start to ready (first 200 of /readyz) on SQLite <= 1,500 ms",
        (double) startUpMillis,
        1_500,
        true,
        "ms",
        NOT_RUN);
  }

  /**
   * The mean time of one kind of membership change on the largest group, as a percentage of the
   * same on the smallest. The mean, not the throughput: in the closed loop adds and removes
   * alternate, so each kind's rate is half the scenario's whatever either of them costs.
   */
  private static void membership(BenchReport report, BenchGroups groups, String part) {
    LoadResult smallest = report.result(GroupScenarios.membership(groups.smallest()));
    LoadResult largest = report.result(GroupScenarios.membership(groups.largest()));
    LoadResult small = smallest == null ? null : smallest.parts().get(part);
    LoadResult large = largest == null ? null : largest.parts().get(part);
    report.target(
        String.format(
            Locale.ROOT,
            "%s 1 member: mean time on the %s group <= %.0f%% of the %,d-member group",
            part,
            groups.largest().label(),
            MEMBERSHIP_SLOWDOWN_PERCENT,
            groups.smallest().size()),
        small == null || large == null ? null : 100 * large.meanMillis() / small.meanMillis(),
        MEMBERSHIP_SLOWDOWN_PERCENT,
        true,
        "%",
        NOT_RUN);
  }
}
