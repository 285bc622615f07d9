package com.classlark.scim.directory.section;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Precondition;
import com.classlark.scim.protocol.error.ScimException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Staff section's rules, on both engines: manual records, the lock, search and paging. */
class StaffSectionTest extends SectionFixture {

  @Test
  void manualCreateMakesAnUnmanagedRecordThatScimServesToo() {
    String school = newSchool();
    StaffMember created =
        services
            .staffSection()
            .create(
                ADMIN,
                school,
                body(
                    "{'email':'Ada.Lovelace@school.example','givenName':'Ada','familyName':'Lovelace',"
                        + "'userType':'Event Manager','externalId':'EMP-1','subjects':'Mathematics',"
                        + "'room':'A113','meetingUrl':'https://meet.school.example/a113'}"));

    assertThat(created)
        .isEqualTo(
            new StaffMember(
                created.id(),
                "Ada.Lovelace@school.example",
                "Ada",
                "Lovelace",
                "Event Manager",
                true,
                "EMP-1",
                "Mathematics",
                "A113",
                "https://meet.school.example/a113",
                false,
                START,
                START,
                "W/\"1\""));
    assertThat(created.managedBy()).isNull();
    var scim = services.staff().get(school, created.id());
    assertThat(scim.document().toString())
        .isEqualTo(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
                + "\"urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User\"],"
                + "\"userName\":\"Ada.Lovelace@school.example\",\"name\":{\"givenName\":\"Ada\","
                + "\"familyName\":\"Lovelace\"},\"userType\":\"Event Manager\",\"externalId\":\"EMP-1\","
                + "\"urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User\":"
                + "{\"subjects\":\"Mathematics\",\"room\":\"A113\","
                + "\"meetingUrl\":\"https://meet.school.example/a113\"},\"active\":true}");
  }

  @Test
  void aValidationProblemNamesEveryWrongField() {
    String school = newSchool();
    var refusal =
        refusal(
            () ->
                services
                    .staffSection()
                    .create(
                        ADMIN,
                        school,
                        body(
                            "{'email':'not-an-email','familyName':7,'userType':'staff',"
                                + "'meetingUrl':'ftp://files.example','active':'yes','title':'Dr'}")));

    assertThat(refusal.type()).isEqualTo("validation");
    assertThat(refusal.errors())
        .containsExactly(
            "familyName: must be a string",
            "active: must be true or false",
            "title: is not a field that can be set here; the fields are email, givenName,"
                + " familyName, userType, active, externalId, subjects, room, meetingUrl",
            "givenName: is required",
            "email: must be an email address, e.g. jane.doe@school.example",
            "userType: must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)",
            "meetingUrl: must be an absolute http or https URL, e.g."
                + " https://meet.school.example/a113");
  }

  @Test
  void mergePatchChangesTheNamedFieldsAndClearsNulls() {
    String school = newSchool();
    StaffMember created = handMade(school, "grace@school.example", "Grace", "Hopper");
    services
        .staffSection()
        .edit(ADMIN, school, created.id(), body("{'room':'B2','subjects':'Physics'}"), null);
    clock.advance(java.time.Duration.ofSeconds(1));

    StaffMember edited =
        services
            .staffSection()
            .edit(
                ADMIN,
                school,
                created.id(),
                body("{'givenName':'Amazing Grace','room':null,'active':false}"),
                "W/\"2\"");

    assertThat(edited)
        .isEqualTo(
            new StaffMember(
                created.id(),
                "grace@school.example",
                "Amazing Grace",
                "Hopper",
                "Staff",
                false,
                null,
                "Physics",
                null,
                null,
                false,
                START,
                START.plusSeconds(1),
                "W/\"3\""));
    clock.advance(java.time.Duration.ofSeconds(-1));
  }

  @Test
  void anOldIfMatchIsAVersionMismatchAndChangesNothing() {
    String school = newSchool();
    StaffMember created = handMade(school, "old@school.example", "Old", "Version");
    services.staffSection().edit(ADMIN, school, created.id(), body("{'room':'C3'}"), null);

    var refusal =
        refusal(
            () ->
                services
                    .staffSection()
                    .edit(ADMIN, school, created.id(), body("{'room':'D4'}"), "W/\"1\""));

    assertThat(refusal)
        .isEqualTo(
            new Refusal(
                "version-mismatch",
                "The record changed since it was read: its current version is W/\"2\". Read it"
                    + " again, make the change to what it is now, and send that version in"
                    + " If-Match; nothing was changed.",
                Map.of("version", "W/\"2\""),
                List.of()));
    assertThat(services.staffSection().get(ADMIN, school, created.id()).room()).isEqualTo("C3");
  }

  @Test
  void aManagedRecordRefusesEveryManualChangeAndKeepsItsData() {
    String school = newSchool();
    String id = scimMade(school, "managed@school.example");
    var before = services.staff().get(school, id);

    for (String patch :
        List.of(
            "{'email':'other@school.example'}",
            "{'givenName':'X'}",
            "{'familyName':'X'}",
            "{'userType':'Administrator'}",
            "{'active':false}",
            "{'externalId':'X'}",
            "{'subjects':'X'}",
            "{'room':'X'}",
            "{'meetingUrl':'https://x.example'}")) {
      var refusal =
          refusal(() -> services.staffSection().edit(ADMIN, school, id, body(patch), null));
      assertThat(refusal)
          .as(patch)
          .isEqualTo(
              new Refusal(
                  "managed-by-scim",
                  "The staff member "
                      + id
                      + " is managed by the school's identity provider through SCIM, so it cannot be"
                      + " changed in ClassLark; nothing was changed. Make the change in the school's"
                      + " identity provider, or ask ClassLark support to release the staff member"
                      + " from SCIM.",
                  Map.of("staffId", id),
                  List.of()));
    }
    assertThat(refusal(() -> services.staffSection().remove(ADMIN, school, id, null)).type())
        .isEqualTo("managed-by-scim");
    assertThat(services.staff().get(school, id)).isEqualTo(before);
  }

  @Test
  void aReleasedRecordIsEditableUntilTheIdentityProviderWritesItAgain() {
    String school = newSchool();
    String id = scimMade(school, "released@school.example");

    StaffMember released = services.staffSection().release(SUPPORT, school, id);
    assertThat(released.managedBy()).isNull();
    assertThat(released.version()).isEqualTo("W/\"2\"");
    StaffMember edited =
        services.staffSection().edit(ADMIN, school, id, body("{'room':'R1'}"), null);
    assertThat(edited.room()).isEqualTo("R1");

    services
        .staff()
        .patch(
            school,
            id,
            body(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                    + "'Operations':[{'op':'replace','path':'title','value':'Head'}]}"),
            Precondition.NONE);
    assertThat(services.staffSection().get(ADMIN, school, id).managedBy()).isEqualTo("scim");
    assertThat(
            refusal(
                    () ->
                        services
                            .staffSection()
                            .edit(ADMIN, school, id, body("{'room':'R2'}"), null))
                .type())
        .isEqualTo("managed-by-scim");
  }

  @Test
  void aDuplicateEmailNamesTheOtherRecordWhicheverWayItWasMade() {
    String school = newSchool();
    String scimId = scimMade(school, "taken@school.example");
    StaffMember mine = handMade(school, "mine@school.example", "Mine", "Own");

    var onCreate = refusal(() -> handMade(school, "TAKEN@school.example", "Other", "Person"));
    var onEdit =
        refusal(
            () ->
                services
                    .staffSection()
                    .edit(
                        ADMIN, school, mine.id(), body("{'email':'Taken@School.example'}"), null));

    Refusal expected =
        new Refusal(
            "duplicate-email",
            "Staff member "
                + scimId
                + " of this school already has this email address (compared ignoring case); nothing"
                + " was changed. Use another email address, or change that staff member instead.",
            Map.of("otherStaffId", scimId),
            List.of());
    assertThat(onCreate).isEqualTo(expected);
    assertThat(onEdit).isEqualTo(expected);
  }

  @Test
  void aScimPostCollidingWithAHandMadeRecordSaysHowToAdoptIt() {
    String school = newSchool();
    handMade(school, "hand@school.example", "Hand", "Made");

    ScimException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ScimException.class, () -> scimMade(school, "Hand@school.example"));

    assertThat(refused.detail())
        .isEqualTo(
            "userName 'Hand@school.example' belongs to a staff member that was created in"
                + " ClassLark, not by this identity provider (compared ignoring case). To take that"
                + " record over, send its externalId, shown in ClassLark's Staff section, with this"
                + " request: a POST with that externalId adopts it.");
  }

  @Test
  void anExternalIdSetByHandLetsTheIdentityProviderAdoptTheRecord() {
    String school = newSchool();
    StaffMember mine = handMade(school, "adopt.me@school.example", "Adopt", "Me");
    services.staffSection().edit(ADMIN, school, mine.id(), body("{'externalId':'idp-42'}"), null);

    var adopted =
        services
            .staff()
            .create(
                school,
                body(
                    "{'userName':'adopt.me@school.example','externalId':'idp-42',"
                        + "'name':{'givenName':'Adopted','familyName':'Me'},'userType':'Staff'}"));

    assertThat(adopted.resource().id()).isEqualTo(mine.id());
    assertThat(services.staffSection().get(ADMIN, school, mine.id()).managedBy()).isEqualTo("scim");
  }

  @Test
  void manualRemovalRetiresTheRecordAndFreesItsEmail() {
    String school = newSchool();
    StaffMember gone = handMade(school, "leaver@school.example", "Leaver", "Gone");

    services.staffSection().remove(ADMIN, school, gone.id(), null);

    assertThat(refusal(() -> services.staffSection().get(ADMIN, school, gone.id())).type())
        .isEqualTo("not-found");
    assertThat(handMade(school, "leaver@school.example", "New", "Person").id())
        .isNotEqualTo(gone.id());
    String active =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT active, retired_at IS NOT NULL FROM staff WHERE account_id = ?"
                                + " AND id = ?")
                        .bind(0, school)
                        .bind(1, gone.id())
                        .map((rs, ctx) -> rs.getBoolean(1) + "," + rs.getBoolean(2))
                        .one());
    assertThat(active).isEqualTo("false,true");
  }

  @Test
  void everyManualChangeIsRecordedWithItsActor() {
    String school = newSchool();
    StaffMember member = handMade(school, "audit@school.example", "Audit", "Trail");
    services.staffSection().edit(ADMIN, school, member.id(), body("{'room':'A1'}"), null);
    services
        .staffSection()
        .remove(
            new com.classlark.scim.directory.Caller(
                com.classlark.scim.directory.ApiKeyRole.APP, "key-1", "other@school.example"),
            school,
            member.id(),
            null);

    List<String> changes =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT resource_type, action, actor, key_id, version FROM manual_changes"
                                + " WHERE account_id = ? AND resource_id = ? ORDER BY version")
                        .bind(0, school)
                        .bind(1, member.id())
                        .map(
                            (rs, ctx) ->
                                String.join(
                                    ",",
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    String.valueOf(rs.getString(4)),
                                    rs.getString(5)))
                        .list());
    assertThat(changes)
        .containsExactly(
            "staff,create,admin@school.example,null,1",
            "staff,edit,admin@school.example,null,2",
            "staff,delete,other@school.example,key-1,3");
  }

  @Test
  void theListIsOrderedByFamilyThenGivenNameAndPagedByCursor() {
    String school = newSchool();
    handMade(school, "c@school.example", "Zoe", "Brown");
    handMade(school, "a@school.example", "Amy", "brown");
    handMade(school, "b@school.example", "Bea", "Adams");
    String managed = scimMade(school, "d@school.example");
    handMade(school, "e@school.example", "Eve", "Young");

    List<String> names = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          services
              .staffSection()
              .list(ADMIN, school, new StaffSection.ListParameters(null, null, null, "2", cursor));
      page.items().forEach(item -> names.add(item.givenName() + " " + item.familyName()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(names)
        .containsExactly("Bea Adams", "Amy brown", "Zoe Brown", "Sam Scim", "Eve Young");
    assertThat(pages).isEqualTo(3);
    assertThat(
            services
                .staffSection()
                .list(
                    ADMIN, school, new StaffSection.ListParameters(null, null, "true", null, null))
                .items())
        .extracting(StaffMember::id)
        .containsExactly(managed);
  }

  @Test
  void searchMatchesAPrefixOfEmailGivenOrFamilyNameInAnyCase() {
    String school = newSchool();
    handMade(school, "zed@school.example", "Brian", "Smith");
    handMade(school, "smithers@school.example", "Wayland", "Jones");
    handMade(school, "other@school.example", "Smitty", "Werben");
    handMade(school, "nomatch@school.example", "Asmith", "Nosmith");
    StaffMember inactive = handMade(school, "smi@school.example", "Inactive", "Person");
    services.staffSection().edit(ADMIN, school, inactive.id(), body("{'active':false}"), null);

    var found =
        services
            .staffSection()
            .list(ADMIN, school, new StaffSection.ListParameters(" SMI", "true", null, null, null));

    assertThat(found.items())
        .extracting(StaffMember::email)
        .containsExactly("smithers@school.example", "zed@school.example", "other@school.example");
    assertThat(found.nextCursor()).isNull();
  }

  @Test
  void badListParametersAreNamedTogether() {
    String school = newSchool();

    var refusal =
        refusal(
            () ->
                services
                    .staffSection()
                    .list(
                        ADMIN,
                        school,
                        new StaffSection.ListParameters(null, "yes", "1", "501", "forged.cursor")));

    assertThat(refusal.errors())
        .containsExactly(
            "active: must be true or false",
            "managed: must be true or false",
            "limit: must be a whole number from 1 to 500",
            "cursor: must be a nextCursor of the same query, passed back exactly as received and"
                + " less than a day old; leave it out for the first page");
  }

  @Test
  void anotherSchoolsRecordIsNotFound() {
    String school = newSchool();
    String other = newSchool();
    StaffMember theirs = handMade(other, "theirs@school.example", "Their", "Own");

    assertThat(refusal(() -> services.staffSection().get(ADMIN, school, theirs.id())))
        .isEqualTo(
            new Refusal(
                "not-found",
                "No staff member with id "
                    + theirs.id()
                    + " in this school. Check the id; it may have been removed.",
                Map.of("staffId", theirs.id()),
                List.of()));
  }

  @Test
  void onlySupportReleases() {
    String school = newSchool();
    String id = scimMade(school, "locked@school.example");

    assertThat(refusal(() -> services.staffSection().release(ADMIN, school, id)))
        .isEqualTo(
            new Refusal(
                "forbidden",
                "Only a caller with the support role may release staff from SCIM.",
                Map.of(),
                List.of()));
    assertThat(services.staffSection().get(ADMIN, school, id).managedBy()).isEqualTo("scim");
  }
}
