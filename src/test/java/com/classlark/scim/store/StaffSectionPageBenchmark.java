package com.classlark.scim.store;

import com.classlark.scim.app.Services;
import com.classlark.scim.bench.StaffBodies;
import com.classlark.scim.directory.SectionPage;
import com.classlark.scim.directory.SectionQuery;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * A Staff section page of a 100,000-staff school, by keyset cursor: the first page, and the last
 * (the page after the 100,000 − 50th row), through the statement the store runs. Keyset paging
 * reads the order index from where the page starts, so both should cost the same. The database is
 * never analysed, as on a school's first day.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StaffSectionPageBenchmark {
  private static final int STAFF = 100_000;
  private static final int PAGE = 50;

  @Param({"SQLITE", "POSTGRES"})
  public Engine engine;

  private TestDatabase testDatabase;
  private Database database;
  private JdbcStaffSection section;
  private String school;
  private List<String> lastPageAfter;

  @Setup
  public void seed() {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    school = Services.over(database, Clock.systemUTC()).accounts().create("Section").id();
    List<StoredResource> batch = new ArrayList<>();
    Instant created = Instant.parse("2026-09-01T08:00:00Z");
    for (int n = 0; n < STAFF; n++) {
      ObjectNode document = ResourceReader.read(ResourceTypes.USER, StaffBodies.body("sec", n));
      StaffRules.validate(document);
      batch.add(
          new StoredResource(UUID.randomUUID().toString(), document, created, created, 1, true));
      if (batch.size() == 1000 || n == STAFF - 1) {
        StaffBulkLoader.insert(database, school, batch);
        batch.clear();
      }
    }
    section = new JdbcStaffSection(database);
    List<String> after = null;
    for (int seen = 0; seen < STAFF - PAGE; seen += 1000) {
      int step = Math.min(1000, STAFF - PAGE - seen);
      SectionPage page = section.staff(school, new SectionQuery(null, null, null, after, step));
      after = page.nextKey();
    }
    lastPageAfter = after;
  }

  @TearDown
  public void drop() {
    database.close();
    testDatabase.close();
  }

  @Benchmark
  public SectionPage firstPage() {
    return section.staff(school, new SectionQuery(null, null, null, null, PAGE));
  }

  @Benchmark
  public SectionPage lastPage() {
    SectionPage page =
        section.staff(school, new SectionQuery(null, null, null, lastPageAfter, PAGE));
    if (page.items().size() != PAGE || page.nextKey() != null) {
      throw new IllegalStateException("not the last page: " + page.items().size() + " rows");
    }
    return page;
  }

  @Benchmark
  public SectionPage searchFirstPage() {
    return section.staff(school, new SectionQuery("staff.4321", null, null, null, PAGE));
  }
}
