package com.classlark.scim.app;

import static com.classlark.scim.app.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.app.CommandLineTest.Run;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import java.util.stream.Stream;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the support command tests: the whole class runs once per database engine, on a fresh
 * database that {@code classlark-scim migrate} prepared, with the commands run in-process.
 */
@ParameterizedClass
@EnumSource(Engine.class)
abstract class MigratedDatabasePerEngine {
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

  /** The command {@code args} with {@code --db} of the class's database. */
  static Run admin(String... args) {
    return run(
        Stream.concat(Stream.of(args), Stream.of("--db", database.spec())).toArray(String[]::new));
  }
}
