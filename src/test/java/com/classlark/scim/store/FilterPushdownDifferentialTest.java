package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Staff;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.FilterEvaluator;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.filter.FilterRenderer;
import com.classlark.scim.protocol.filter.FilterResolver;
import com.classlark.scim.protocol.filter.ScimValue;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL translation of filters held against the in-memory evaluator: over seeded random staff,
 * seeded random filters must select exactly the same ids when the translation says it is exact, and
 * a superset when it is not.
 */
class FilterPushdownDifferentialTest {
  private static final long SEED = 20261128L;
  private static final int STAFF = 160;
  private static final int FILTERS = 1400;
  private static final String[] WORDS = {
    "ada", "Ada", "ADA", "bob", "Bo", "carla", "Zoë", "zoe", "é", "x_y", "a%b", ""
  };
  private static final String[] TYPES = {"work", "Work", "home", "other"};
  private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void sqlAndEvaluatorSelectTheSameStaff(Engine engine) {
    Random random = new Random(SEED);
    try (TestDatabase testDatabase = TestDatabase.create(engine);
        Database database = Database.open(testDatabase.target())) {
      database.migrate();
      String accountId = UUID.randomUUID().toString();
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle
                      .createUpdate(
                          "INSERT INTO accounts (id, name, created_at) VALUES (?, 'Diff', 0)")
                      .bind(0, accountId)
                      .execute());
      MutableClock clock = new MutableClock(START);
      JdbcStaffStore store = new JdbcStaffStore(database);
      Staff staff =
          new Staff(
              store,
              clock,
              MultiValueLimit.DEFAULT,
              FilterLimits.DEFAULT,
              new JdbcAccountStore(database));
      List<StoredResource> everyone = new ArrayList<>();
      for (int i = 0; i < STAFF; i++) {
        everyone.add(staff.createByHand(accountId, randomStaff(random, i)));
        clock.advance(Duration.ofMillis(500 + random.nextInt(5000)));
      }
      FilterEvaluator evaluator = new FilterEvaluator(ResourceTypes.USER);
      ListSql listSql = new ListSql(QueryTable.STAFF, database.dialect());
      int checked = 0;
      int exact = 0;
      int nonEmpty = 0;
      while (checked < FILTERS) {
        Filter filter;
        try {
          filter = FilterResolver.resolve(ResourceTypes.USER, randomFilter(random, everyone, 3));
        } catch (ScimException invalid) {
          continue;
        }
        Set<String> expected = new HashSet<>();
        for (StoredResource resource : everyone) {
          if (evaluator.matches(filter, InMemoryListing.evaluable(resource))) {
            expected.add(resource.id());
          }
        }
        SqlSelection selection = sqlOnly(listSql, database, accountId, filter);
        Set<String> actual = new HashSet<>(selection.ids());
        String described = FilterRenderer.render(filter) + " -> " + selection.where().sql();
        if (selection.exact()) {
          assertThat(actual).as(described).isEqualTo(expected);
          exact++;
        } else {
          assertThat(actual).as(described).containsAll(expected);
        }
        if (!expected.isEmpty()) {
          nonEmpty++;
        }
        checked++;
      }
      assertThat(exact).as("filters decided by SQL alone").isGreaterThanOrEqualTo(1000);
      assertThat(nonEmpty).as("filters that matched someone").isGreaterThan(FILTERS / 4);
    }
  }

  /** The ids that the SQL translation of a filter alone selects, and whether it was exact. */
  private record SqlSelection(List<String> ids, boolean exact, SqlFragment where) {}

  private static SqlSelection sqlOnly(
      ListSql listSql, Database database, String accountId, Filter filter) {
    FilterSql.Pushdown pushdown = listSql.pushdown(accountId, filter);
    SqlFragment where = listSql.where(accountId, pushdown.condition());
    SqlFragment ids =
        new SqlFragment("SELECT s.id FROM staff s WHERE " + where.sql(), where.parameters());
    List<String> found =
        database.jdbi().withHandle(handle -> ids.query(handle).mapTo(String.class).list());
    return new SqlSelection(found, pushdown.exact(), where);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static ObjectNode randomStaff(Random random, int i) {
    ObjectNode user = Json.object();
    user.put(
        "userName",
        pick(random, WORDS).replace("%", "") + i + "@School" + random.nextInt(3) + ".example");
    ObjectNode name = user.putObject("name");
    name.put("givenName", pick(random, WORDS) + (random.nextBoolean() ? "" : "n"));
    name.put("familyName", pick(random, WORDS) + "f" + random.nextInt(4));
    name.put(
        "givenName",
        name.path("givenName").asText().isEmpty() ? "g" : name.path("givenName").asText());
    user.put("userType", random.nextInt(4) == 0 ? "Administrator" : "Staff");
    if (random.nextBoolean()) {
      user.put("displayName", pick(random, WORDS) + " " + pick(random, WORDS) + "d");
    }
    if (random.nextInt(3) > 0) {
      user.put("externalId", (random.nextBoolean() ? "EXT-" : "ext-") + random.nextInt(40));
    }
    user.put("active", random.nextInt(4) > 0);
    if (random.nextBoolean()) {
      user.put("title", pick(random, WORDS) + "t");
    }
    int emails = random.nextInt(3);
    if (emails > 0) {
      ArrayNode array = user.putArray("emails");
      boolean primaryUsed = false;
      for (int e = 0; e < emails; e++) {
        ObjectNode email = array.addObject();
        email.put("value", pick(random, WORDS).replace("%", "") + e + "@Mail.example");
        if (random.nextInt(4) > 0) {
          email.put("type", pick(random, TYPES));
        }
        int primary = random.nextInt(3);
        if (primary == 1 && !primaryUsed) {
          email.put("primary", true);
          primaryUsed = true;
        } else if (primary == 2) {
          email.put("primary", false);
        }
      }
    }
    return user;
  }

  private static final String[] TEXT_PATHS = {
    "userName",
    "name.givenName",
    "name.familyName",
    "displayName",
    "externalId",
    "title",
    "userType",
    "emails.value",
    "emails.type",
    "id"
  };
  private static final CompareOp[] OPS = CompareOp.values();

  private static AttrPath path(String dotted) {
    int dot = dotted.indexOf('.');
    return dot < 0
        ? AttrPath.of(dotted)
        : AttrPath.of(dotted.substring(0, dot), dotted.substring(dot + 1));
  }

  private static Filter randomFilter(Random random, List<StoredResource> everyone, int depth) {
    int choice = random.nextInt(depth <= 0 ? 5 : 9);
    return switch (choice) {
      case 0, 1 -> textCompare(random, everyone);
      case 2 -> booleanCompare(random);
      case 3 -> instantCompare(random, everyone);
      case 4 -> new Filter.Present(path(pick(random, TEXT_PATHS)));
      case 5 ->
          new Filter.And(
              randomFilter(random, everyone, depth - 1), randomFilter(random, everyone, depth - 1));
      case 6 ->
          new Filter.Or(
              randomFilter(random, everyone, depth - 1), randomFilter(random, everyone, depth - 1));
      case 7 -> new Filter.Not(randomFilter(random, everyone, depth - 1));
      default -> new Filter.ValuePath(AttrPath.of("emails"), elementFilter(random, everyone, 2));
    };
  }

  private static Filter elementFilter(Random random, List<StoredResource> everyone, int depth) {
    int choice = random.nextInt(depth <= 0 ? 3 : 6);
    return switch (choice) {
      case 0 ->
          new Filter.Compare(
              AttrPath.of("type"), pick(random, OPS), new ScimValue.Str(pick(random, TYPES)));
      case 1 ->
          new Filter.Compare(
              AttrPath.of("value"),
              pick(random, OPS),
              new ScimValue.Str(sample(random, everyone, "emails.value")));
      case 2 ->
          random.nextBoolean()
              ? new Filter.Compare(
                  AttrPath.of("primary"),
                  random.nextBoolean() ? CompareOp.EQ : CompareOp.NE,
                  new ScimValue.Bool(random.nextBoolean()))
              : new Filter.Present(AttrPath.of(random.nextBoolean() ? "type" : "primary"));
      case 3 ->
          new Filter.And(
              elementFilter(random, everyone, depth - 1),
              elementFilter(random, everyone, depth - 1));
      case 4 ->
          new Filter.Or(
              elementFilter(random, everyone, depth - 1),
              elementFilter(random, everyone, depth - 1));
      default -> new Filter.Not(elementFilter(random, everyone, depth - 1));
    };
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static Filter textCompare(Random random, List<StoredResource> everyone) {
    String attribute = pick(random, TEXT_PATHS);
    CompareOp op = pick(random, OPS);
    int kind = random.nextInt(10);
    ScimValue value;
    if (kind == 0) {
      value = new ScimValue.Null();
      op = random.nextBoolean() ? CompareOp.EQ : CompareOp.NE;
    } else if (kind == 1) {
      value = new ScimValue.Num(BigDecimal.valueOf(random.nextInt(40)));
    } else {
      String sample = sample(random, everyone, attribute);
      if (!sample.isEmpty() && random.nextInt(3) == 0) {
        int from = random.nextInt(sample.length());
        sample = sample.substring(from, from + random.nextInt(sample.length() - from) + 1);
      }
      if (random.nextInt(3) == 0) {
        sample = random.nextBoolean() ? sample.toUpperCase() : sample.toLowerCase();
      }
      value = new ScimValue.Str(sample);
    }
    return new Filter.Compare(path(attribute), op, value);
  }

  private static Filter booleanCompare(Random random) {
    return new Filter.Compare(
        AttrPath.of("active"),
        random.nextBoolean() ? CompareOp.EQ : CompareOp.NE,
        random.nextInt(4) == 0
            ? new ScimValue.Str(random.nextBoolean() ? "True" : "false")
            : new ScimValue.Bool(random.nextBoolean()));
  }

  private static Filter instantCompare(Random random, List<StoredResource> everyone) {
    StoredResource someone = everyone.get(random.nextInt(everyone.size()));
    Instant at = random.nextBoolean() ? someone.created() : someone.lastModified();
    String text;
    switch (random.nextInt(4)) {
      case 0 -> text = at.toString();
      case 1 -> text = at.atOffset(java.time.ZoneOffset.ofHours(2)).toString();
      case 2 -> text = at.plusNanos(500_000).toString();
      default -> text = at.plusSeconds(random.nextInt(7200) - 3600).toString();
    }
    CompareOp[] ordering = {
      CompareOp.EQ, CompareOp.NE, CompareOp.GT, CompareOp.GE, CompareOp.LT, CompareOp.LE
    };
    return new Filter.Compare(
        AttrPath.of("meta", random.nextBoolean() ? "created" : "lastModified"),
        pick(random, ordering),
        new ScimValue.Str(text));
  }

  private static String sample(Random random, List<StoredResource> everyone, String attribute) {
    if (random.nextInt(8) == 0) {
      return pick(random, WORDS);
    }
    StoredResource someone = everyone.get(random.nextInt(everyone.size()));
    ObjectNode document = InMemoryListing.evaluable(someone);
    AttrPath path = path(attribute);
    var node = document.path(path.attribute());
    if (node.isArray()) {
      node = node.path(random.nextInt(Math.max(1, node.size())));
    }
    if (path.subAttribute() != null) {
      node = node.path(path.subAttribute());
    }
    return node.isValueNode() ? node.asText() : pick(random, WORDS);
  }
}
