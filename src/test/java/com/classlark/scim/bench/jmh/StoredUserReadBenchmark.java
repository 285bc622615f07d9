package com.classlark.scim.bench.jmh;

import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.Projection;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.resource.ResourceRepresentation;
import com.classlark.scim.protocol.resource.SplicedRepresentation;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code GET /Users/{id}} costs between the stored document's text and the response bytes: the
 * general path (parse the text, add id and meta, apply the default projection, write the bytes)
 * against {@link SplicedRepresentation} (check the text and splice id and meta in), for the
 * harness's staff member.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoredUserReadBenchmark {
  private static final String ID = "7d9a8c2e-1f3b-4c5d-9e6f-0a1b2c3d4e5f";

  private String stored;
  private ResourceRepresentation.Meta meta;

  @Setup
  public void prepare() throws JsonProcessingException {
    ObjectNode document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("bench", 42));
    stored = Json.MAPPER.writeValueAsString(document);
    Instant at = Instant.parse("2025-01-06T08:00:00Z");
    meta =
        new ResourceRepresentation.Meta(
            at, at, "http://127.0.0.1:8080/scim/v2/Users/" + ID, "W/\"3\"");
  }

  @Benchmark
  public byte[] parseRenderProjectAndWrite() throws JsonProcessingException {
    ObjectNode document = (ObjectNode) Json.MAPPER.readTree(stored);
    return Json.MAPPER.writeValueAsBytes(
        Projection.all(ResourceTypes.USER)
            .apply(ResourceRepresentation.render(ResourceTypes.USER, ID, document, meta)));
  }

  @Benchmark
  public byte[] splice() {
    return SplicedRepresentation.render(ResourceTypes.USER, ID, stored, meta).orElseThrow();
  }
}
