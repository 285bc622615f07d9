package com.classlark.scim.store;

import com.classlark.scim.app.Services;
import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replacing the members of a 100,000-member group by one of them (Okta's push of a shrunken group,
 * a PUT): one request that ends 99,999 memberships and reports them in its events, through the
 * store. Each iteration gets a fresh full group; one replacement per iteration. Run it with {@code
 * -prof gc} for the bytes the replacement allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GroupReplacementBenchmark {
  private static final int STAFF = 100_000;

  @Param({"SQLITE", "POSTGRES"})
  public Engine engine;

  private TestDatabase testDatabase;
  private Database database;
  private JdbcGroupStore store;
  private String school;
  private final List<String> staffIds = new ArrayList<>();
  private String groupId;

  @Setup(Level.Trial)
  public void seed() {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    school = Services.over(database, Clock.systemUTC()).accounts().create("Replace").id();
    List<StoredResource> batch = new ArrayList<>();
    Instant created = Instant.parse("2026-09-01T08:00:00Z");
    for (int n = 0; n < STAFF; n++) {
      ObjectNode document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("rep", n));
      StaffRules.validate(document);
      StoredResource staff =
          new StoredResource(UUID.randomUUID().toString(), document, created, created, 1, true);
      batch.add(staff);
      staffIds.add(staff.id());
      if (batch.size() == 1000 || n == STAFF - 1) {
        StaffBulkLoader.insert(database, school, batch);
        batch.clear();
      }
    }
    store = new JdbcGroupStore(database);
  }

  /** A new group of every staff member for the next replacement. */
  @Setup(Level.Iteration)
  public void fullGroup() {
    groupId = UUID.randomUUID().toString();
    ObjectNode document = Json.object();
    document.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Group");
    document.put("displayName", "Everyone " + groupId);
    Instant created = Instant.parse("2026-09-01T08:00:00Z");
    GroupBulkLoader.insert(
        database,
        school,
        new StoredResource(groupId, document, created, created, 1, true),
        staffIds);
  }

  @TearDown(Level.Trial)
  public void drop() {
    database.close();
    testDatabase.close();
  }

  @Benchmark
  public Optional<StoredResource> replaceByOne() {
    return store.changeMembers(
        school,
        groupId,
        Instant.now(),
        List.of(new MembershipChange.ReplaceMembers(List.of(staffIds.get(0)))));
  }
}
