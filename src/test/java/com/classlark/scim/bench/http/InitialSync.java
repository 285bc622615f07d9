package com.classlark.scim.bench.http;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.protocol.patch.PatchRequest;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.GroupSchemas;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;

/**
 * A school's first sync, as an identity provider's provisioning cycle does it with {@code clients}
 * concurrent connections: first the staff ({@code POST /Users}), then the groups ({@code POST
 * /Groups} without members, then one {@code PATCH} adding them, as Entra ID and Okta do). Each
 * phase is timed from its first request to its last answer.
 */
final class InitialSync {
  private static final String USERS = "/scim/v2/Users";
  private static final String GROUPS = "/scim/v2/Groups";

  private InitialSync() {}

  /**
   * What one phase took.
   *
   * @param items staff or groups created
   * @param latencyMicros every request of the phase
   * @param ids the id of item {@code n} at index {@code n}; null where creating it failed
   */
  record Result(
      int items,
      Duration took,
      Histogram latencyMicros,
      int failures,
      String firstFailure,
      List<String> ids) {
    double perSecond() {
      return items / (took.toNanos() / 1e9);
    }

    /**
     * Adds the figures to {@code report} under keys starting with {@code key}.
     *
     * @param items what was created, e.g. {@code staff}
     */
    void addTo(BenchReport report, String key, String label, String items) {
      report.figure(key + "Seconds", label + " (total)", took.toMillis() / 1000.0, "s");
      report.figure(key + "PerSecond", label + ", rate", perSecond(), items + "/s");
      report.figure(
          key + "P99Ms",
          label + ", request p99",
          latencyMicros.getValueAtPercentile(99) / 1000.0,
          "ms");
      if (failures > 0) {
        report.figure(
            key + "Failures", label + ", failures (first: " + firstFailure + ")", failures, "");
      }
    }

    /** The ids of the items that were created. */
    List<String> createdIds() {
      return ids.stream().filter(Objects::nonNull).toList();
    }
  }

  /** Creates {@code staff} members numbered {@code 0…staff-1} (see {@link StaffBodies}). */
  static Result staff(int port, BenchSchool school, int staff, int clients)
      throws InterruptedException {
    return run(
        port,
        school.token(),
        staff,
        clients,
        (connection, n, latency) -> {
          byte[] body = bytes(StaffBodies.body(school.tag(), n));
          return created(connection, latency, USERS, body);
        });
  }

  /**
   * Creates {@code groups} groups of {@code size} members each, taken in turn from {@code
   * memberIds} (so 100 groups of 100 over 10,000 staff give every staff member one group).
   */
  static Result groups(
      int port, BenchSchool school, List<String> memberIds, int groups, int size, int clients)
      throws InterruptedException {
    return run(
        port,
        school.token(),
        groups,
        clients,
        (connection, n, latency) -> {
          ObjectNode group = Json.object();
          group.putArray("schemas").add(GroupSchemas.CORE_URN);
          group.put("displayName", String.format(Locale.ROOT, "Sync group %d", n));
          String id = created(connection, latency, GROUPS, bytes(group));
          if (size > 0 && !memberIds.isEmpty()) {
            ObjectNode patch = Json.object();
            patch.putArray("schemas").add(PatchRequest.PATCH_OP_URN);
            ObjectNode add = patch.putArray("Operations").addObject();
            add.put("op", "Add");
            add.put("path", "members");
            ArrayNode members = add.putArray("value");
            for (int i = 0; i < size; i++) {
              members.addObject().put("value", memberIds.get((n * size + i) % memberIds.size()));
            }
            send(connection, latency, "PATCH", GROUPS + "/" + id, bytes(patch), 204);
          }
          return id;
        });
  }

  /** Creates item {@code n} and returns its id; an unexpected answer is an IOException. */
  @FunctionalInterface
  private interface Creation {
    String create(LoopbackHttpConnection connection, int n, Histogram latencyMicros)
        throws IOException;
  }

  /** What the clients of one phase share: the next item to create, the ids, the failures. */
  private record Progress(
      AtomicInteger next,
      AtomicReferenceArray<String> ids,
      AtomicInteger failures,
      AtomicReference<String> firstFailure) {}

  private static Result run(int port, String token, int items, int clients, Creation creation)
      throws InterruptedException {
    Progress progress =
        new Progress(
            new AtomicInteger(),
            new AtomicReferenceArray<>(items),
            new AtomicInteger(),
            new AtomicReference<>());
    List<Histogram> histograms = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      Histogram histogram = new Histogram(3);
      histograms.add(histogram);
      threads.add(
          Thread.ofPlatform()
              .name("sync-" + i)
              .start(() -> createUntilDone(port, token, items, creation, progress, histogram)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Histogram all = new Histogram(3);
    histograms.forEach(all::add);
    List<String> ids = new ArrayList<>(items);
    for (int n = 0; n < items; n++) {
      ids.add(progress.ids().get(n));
    }
    return new Result(
        items,
        took,
        all,
        progress.failures().get(),
        progress.firstFailure().get(),
        Collections.unmodifiableList(ids));
  }

  private static void createUntilDone(
      int port,
      String token,
      int items,
      Creation creation,
      Progress progress,
      Histogram latencyMicros) {
    try (LoopbackHttpConnection connection = new LoopbackHttpConnection(port, token)) {
      for (int n = progress.next().getAndIncrement();
          n < items;
          n = progress.next().getAndIncrement()) {
        try {
          progress.ids().set(n, creation.create(connection, n, latencyMicros));
        } catch (IOException e) {
          connection.close();
          progress.failures().incrementAndGet();
          progress.firstFailure().compareAndSet(null, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot close a sync connection", e);
    }
  }

  /** POSTs {@code body} and returns the new resource's id. */
  private static String created(
      LoopbackHttpConnection connection, Histogram latencyMicros, String target, byte[] body)
      throws IOException {
    byte[] answer = send(connection, latencyMicros, "POST", target, body, 201);
    return Json.MAPPER.readTree(answer).path("id").asText();
  }

  private static byte[] send(
      LoopbackHttpConnection connection,
      Histogram latencyMicros,
      String method,
      String target,
      byte[] body,
      int expectedStatus)
      throws IOException {
    long sent = System.nanoTime();
    LoopbackHttpConnection.Response response = connection.send(method, target, body);
    latencyMicros.recordValue((System.nanoTime() - sent) / 1_000);
    if (response.status() != expectedStatus) {
      throw new IOException(
          method + " " + target + " -> " + response.status() + " " + response.text());
    }
    return response.body();
  }

  private static byte[] bytes(ObjectNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
