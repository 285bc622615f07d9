package com.classlark.scim.directory.section;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.Precondition;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A manual edit racing a SCIM write of the same record, many times over, on both engines: either
 * the manual edit is refused as managed-by-scim and left no trace, or it was written before the
 * SCIM write (a lower version). Never a managed record with a manual change written after SCIM's.
 */
class ManualEditRaceTest extends SectionFixture {
  private static final int ROUNDS = 40;

  /** What one side of a race did: the version it wrote, or -1 when it was refused. */
  private record Outcome(long version) {
    boolean written() {
      return version >= 0;
    }
  }

  private static List<Outcome> race(Callable<Outcome> manual, Callable<Outcome> scim)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<Outcome> manualResult =
          pool.submit(
              () -> {
                start.await();
                return manual.call();
              });
      Future<Outcome> scimResult =
          pool.submit(
              () -> {
                start.await();
                return scim.call();
              });
      start.countDown();
      return List.of(manualResult.get(), scimResult.get());
    } finally {
      pool.shutdown();
    }
  }

  private static Outcome manually(Callable<String> edit) throws Exception {
    try {
      String etag = edit.call();
      return new Outcome(Long.parseLong(etag.replaceAll("\\D", "")));
    } catch (DirectoryException e) {
      assertThat(e.kind()).isEqualTo(ProblemKind.MANAGED_BY_SCIM);
      return new Outcome(-1);
    }
  }

  @Test
  void aManualStaffEditNeverLandsAfterAScimWrite() throws Exception {
    String school = newSchool();
    for (int round = 0; round < ROUNDS; round++) {
      String id = handMade(school, "race" + round + "@school.example", "Race", "Staff").id();
      String room = "Manual-" + round;
      List<Outcome> outcomes =
          race(
              () ->
                  manually(
                      () ->
                          services
                              .staffSection()
                              .edit(ADMIN, school, id, body("{'room':'" + room + "'}"), null)
                              .version()),
              () -> {
                StoredResource written =
                    services
                        .staff()
                        .patch(
                            school,
                            id,
                            body(
                                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                                    + "'Operations':[{'op':'replace','path':'title','value':'IdP'}]}"),
                            Precondition.NONE)
                        .resource();
                return new Outcome(written.version());
              });
      Outcome manual = outcomes.get(0);
      Outcome scim = outcomes.get(1);
      StaffMember after = services.staffSection().get(ADMIN, school, id);
      assertThat(after.managedBy()).isEqualTo("scim");
      assertThat(after.version()).isEqualTo(Versions.etag(scim.version()));
      if (manual.written()) {
        assertThat(manual.version()).isLessThan(scim.version());
        assertThat(after.room()).isEqualTo(room);
      } else {
        assertThat(after.room()).isNull();
      }
    }
  }

  @Test
  void aManualMemberChangeNeverLandsAfterAScimWrite() throws Exception {
    String school = newSchool();
    for (int round = 0; round < ROUNDS; round++) {
      String first = handMade(school, "a" + round + "@school.example", "A", "Member").id();
      String byHand = handMade(school, "b" + round + "@school.example", "B", "Member").id();
      String byScim = handMade(school, "c" + round + "@school.example", "C", "Member").id();
      String groupId =
          services
              .groupSection()
              .create(
                  ADMIN,
                  school,
                  body("{'displayName':'Race " + round + "','members':['" + first + "']}"))
              .group()
              .id();
      List<Outcome> outcomes =
          race(
              () ->
                  manually(
                      () ->
                          services
                              .groupSection()
                              .edit(
                                  ADMIN,
                                  school,
                                  groupId,
                                  body("{'addMembers':['" + byHand + "']}"),
                                  null)
                              .version()),
              () ->
                  new Outcome(
                      services
                          .groups()
                          .patch(
                              school,
                              groupId,
                              body(
                                  "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                                      + "'Operations':[{'op':'add','path':'members','value':"
                                      + "[{'value':'"
                                      + byScim
                                      + "'}]}]}"),
                              Precondition.NONE)
                          .resource()
                          .version()));
      Outcome manual = outcomes.get(0);
      Outcome scim = outcomes.get(1);
      var after =
          services.groupSection().get(ADMIN, school, groupId, GroupSection.MemberParameters.NONE);
      assertThat(after.group().managedBy()).isEqualTo("scim");
      if (manual.written()) {
        assertThat(manual.version()).isLessThan(scim.version());
        assertThat(after.group().memberCount()).isEqualTo(3);
      } else {
        assertThat(after.group().memberCount()).isEqualTo(2);
      }
    }
  }
}
