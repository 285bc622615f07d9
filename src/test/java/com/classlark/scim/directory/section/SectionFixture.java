package com.classlark.scim.directory.section;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the Staff section's domain tests: the whole class runs once per engine over a fresh
 * database; each test makes its own school.
 */
@ParameterizedClass
@EnumSource(Engine.class)
abstract class SectionFixture {
  static final Instant START = Instant.parse("2026-09-01T08:00:00Z");
  static final Caller ADMIN = new Caller(ApiKeyRole.APP, null, "admin@school.example");
  static final Caller SUPPORT = new Caller(ApiKeyRole.SUPPORT, null, "support@classlark.example");

  static TestDatabase testDatabase;
  static Database database;
  static MutableClock clock;
  static Services services;

  @Parameter Engine engine;

  @BeforeParameterizedClassInvocation
  static void open(Engine engine) {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    clock = new MutableClock(START);
    services = Services.over(database, clock);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    database.close();
    testDatabase.close();
  }

  static String newSchool() {
    return services.accounts().create("School " + System.nanoTime()).id();
  }

  static JsonNode body(String singleQuoted) {
    return Bodies.tree(Bodies.json(singleQuoted));
  }

  /** A hand-made staff member with the given names. */
  static StaffMember handMade(String school, String email, String given, String family) {
    return services
        .staffSection()
        .create(
            ADMIN,
            school,
            body(
                "{'email':'"
                    + email
                    + "','givenName':'"
                    + given
                    + "','familyName':'"
                    + family
                    + "','userType':'Staff'}"));
  }

  /** A staff member created by SCIM (POST /Users). */
  static String scimMade(String school, String email) {
    return services
        .staff()
        .create(
            school,
            body(
                "{'userName':'"
                    + email
                    + "','name':{'givenName':'Sam','familyName':'Scim'},'userType':'Staff'}"))
        .resource()
        .id();
  }

  /** The refusal the call throws, as its kind, detail, fields and errors. */
  static Refusal refusal(ThrowingCallable call) {
    try {
      call.call();
    } catch (DirectoryException e) {
      return new Refusal(
          e.kind().typeName(),
          e.detail(),
          e.fields(),
          e.errors().stream().map(error -> error.field() + ": " + error.rule()).toList());
    } catch (Throwable e) {
      throw new AssertionError("expected a DirectoryException", e);
    }
    throw new AssertionError("expected a refusal, but the call succeeded");
  }

  record Refusal(String type, String detail, Map<String, String> fields, List<String> errors) {}
}
