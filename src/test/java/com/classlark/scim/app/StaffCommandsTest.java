package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code staff release} on both engines: one staff member, one group, a whole school. */
@ParameterizedClass
@EnumSource(Engine.class)
class StaffCommandsTest {
  static TestDatabase database;

  @Parameter Engine engine;

  @BeforeParameterizedClassInvocation
  static void createDatabase(Engine engine) {
    database = TestDatabase.create(engine);
    assertThat(run("migrate", "--db", database.spec()).exitCode()).isZero();
  }

  @AfterParameterizedClassInvocation
  static void dropDatabase() {
    database.close();
  }

  private static Run admin(String... args) {
    return run(
        Stream.concat(Stream.of(args), Stream.of("--db", database.spec())).toArray(String[]::new));
  }

  /** A school with two SCIM-managed staff members in one SCIM-managed group: its ids. */
  private static String[] managedSchool() {
    try (Database db = Database.open(database.target())) {
      Services services = Services.over(db, Clock.systemUTC());
      String school = services.accounts().create("Release School").id();
      String first =
          services.staff().create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("a")))).id();
      services.staff().create(school, Bodies.parse(Bodies.staff(Bodies.uniqueEmail("b"))));
      String group =
          services
              .groups()
              .create(
                  school,
                  Json.parse(
                      Bodies.json("{'displayName':'All','members':[{'value':'" + first + "'}]}")
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
              .id();
      return new String[] {school, first, group};
    }
  }

  @Test
  void releasesOneStaffMemberOneGroupOrTheWholeSchool() {
    String[] ids = managedSchool();
    String nl = System.lineSeparator();

    Run staff = admin("staff", "release", "--account", ids[0], "--staff", ids[1]);
    assertThat(staff.exitCode()).isZero();
    assertThat(staff.out())
        .isEqualTo(
            "Released staff member "
                + ids[1]
                + " from SCIM: editable in ClassLark until the identity provider writes it again."
                + nl);

    Run group = admin("staff", "release", "--account", ids[0], "--group", ids[2], "--json");
    assertThat(group.json())
        .isEqualTo(
            Bodies.tree(
                Bodies.json(
                    "{'accountId':'"
                        + ids[0]
                        + "','groupId':'"
                        + ids[2]
                        + "','version':'W/\\\"2\\\"'}")));

    Run all = admin("staff", "release", "--account", ids[0], "--all", "--json");
    assertThat(all.json())
        .isEqualTo(Bodies.tree(Bodies.json("{'accountId':'" + ids[0] + "','staff':1,'groups':0}")));
  }

  @Test
  void refusesAnUnknownRecordAndAMissingOrDoubleTarget() {
    String[] ids = managedSchool();

    Run unknown = admin("staff", "release", "--account", ids[0], "--staff", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err())
        .isEqualTo(
            "error: No staff member with id nobody in this school. Check the id; it may have been"
                + " removed."
                + System.lineSeparator());

    Run none = admin("staff", "release", "--account", ids[0]);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().lines().findFirst().orElseThrow())
        .isEqualTo(
            "error: Error: Missing required argument (specify one of these):"
                + " (--staff=STAFF_ID | --group=GROUP_ID | --all)");

    Run both = admin("staff", "release", "--account", ids[0], "--all", "--staff", ids[1]);
    assertThat(both.exitCode()).isEqualTo(2);

    Run noSchool = admin("staff", "release", "--account", "nope", "--all");
    assertThat(noSchool.exitCode()).isEqualTo(1);
    assertThat(noSchool.err())
        .isEqualTo(
            "error: No school with id nope. Check the id; support can list every school."
                + System.lineSeparator());
  }
}
