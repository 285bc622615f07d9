package com.classlark.scim.bench.http;

import com.classlark.scim.protocol.resource.Json;
import java.io.IOException;
import java.time.Duration;

/**
 * One full read of a group, members included, as an identity provider's reconciliation does: {@code
 * GET /Groups/{id}}, timed, while the server's heap is sampled ({@link HeapSampler}) and its peak
 * resident memory is reset before and read after. The heap is collected first, so that "before" is
 * the live data and the peak is what the read added.
 */
final class FullGroupRead {
  private FullGroupRead() {}

  /**
   * @param heapBeforeMiB heap used at the start, after a full collection
   * @param peakResidentReset whether {@code peakResidentMiB} is the peak during the read (true) or
   *     since the server started (the kernel refused to reset it)
   */
  record Result(
      Duration took,
      long bytes,
      int members,
      double heapBeforeMiB,
      HeapWatch.Peak heap,
      double residentBeforeMiB,
      double peakResidentMiB,
      boolean peakResidentReset) {

    /** Adds the figures to {@code report}, each label starting with {@code what}. */
    void addTo(BenchReport report, String what) {
      report.figure("fullReadMs", what + "time to the last byte", took.toNanos() / 1e6, "ms");
      report.figure("fullReadMiB", what + "response size", bytes / 1048576.0, "MiB");
      report.figure("fullReadMembers", what + "members in the response", members, "");
      report.figure(
          "fullReadHeapBeforeMiB",
          what + "heap used before (after a full GC)",
          heapBeforeMiB,
          "MiB");
      report.figure(
          "fullReadHeapPeakMiB",
          what + "peak heap used (sum of the heap pools' peaks, JMX)",
          heap.peakUsedMiB(),
          "MiB");
      report.figure(
          "fullReadOldPeakMiB",
          what + "peak of the old generation (JMX)",
          heap.oldPeakUsedMiB(),
          "MiB");
      report.figure(
          "fullReadCollections",
          what + "garbage collections during the read",
          heap.collections(),
          "");
      report.figure(
          "fullReadResidentBeforeMiB", what + "resident memory before", residentBeforeMiB, "MiB");
      report.figure(
          "fullReadResidentPeakMiB",
          what
              + (peakResidentReset
                  ? "peak resident memory during the read (VmHWM, reset before)"
                  : "peak resident memory since start (VmHWM; the kernel refused to reset it)"),
          peakResidentMiB,
          "MiB");
    }
  }

  static Result run(ServerProcess server, BenchSchool school, BenchGroups.Group group)
      throws IOException, InterruptedException {
    LoopbackHttpConnection.Response response;
    long took;
    double heapBefore;
    double residentBefore;
    boolean reset;
    HeapWatch.Peak heap;
    try (LoopbackHttpConnection connection =
            new LoopbackHttpConnection(server.port(), school.token());
        HeapWatch watch = HeapWatch.attach(server.pid())) {
      heapBefore = server.heap(true).usedMiB();
      residentBefore = server.residentMemory().residentMiB();
      reset = server.resetPeakResident();
      watch.start();
      long started = System.nanoTime();
      response = connection.send("GET", "/scim/v2/Groups/" + group.id(), null);
      took = System.nanoTime() - started;
      heap = watch.peak();
    }
    if (response.status() != 200) {
      throw new IOException(
          "GET /Groups/" + group.id() + " answered " + response.status() + ": " + response.text());
    }
    int members = Json.MAPPER.readTree(response.body()).path("members").size();
    return new Result(
        Duration.ofNanos(took),
        response.body().length,
        members,
        heapBefore,
        heap,
        residentBefore,
        server.residentMemory().peakResidentMiB(),
        reset);
  }
}
