package com.classlark.scim.directory.section;

import static org.assertj.core.api.Assertions.assertThat;

import com.classlark.scim.directory.Precondition;
import com.classlark.scim.directory.ReleasedCounts;
import com.classlark.scim.directory.SectionMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Groups in the Staff section, on both engines: manual groups, members and the lock. */
class GroupSectionTest extends SectionFixture {

  private static String scimGroup(String school, String name, String memberId) {
    return services
        .groups()
        .create(
            school, body("{'displayName':'" + name + "','members':[{'value':'" + memberId + "'}]}"))
        .id();
  }

  @Test
  void aHandMadeGroupTakesMembersAndPagesThem() {
    String school = newSchool();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(handMade(school, "m" + i + "@school.example", "M" + i, "Member").id());
    }
    var created =
        services
            .groupSection()
            .create(
                ADMIN,
                school,
                body(
                    "{'displayName':'Year 7 tutors','externalId':'y7','members':['"
                        + ids.get(0)
                        + "','"
                        + ids.get(1)
                        + "']}"));
    String groupId = created.group().id();
    assertThat(created.group())
        .isEqualTo(
            new StaffGroup(groupId, "Year 7 tutors", "y7", false, 2, START, START, "W/\"1\""));

    StaffGroup edited =
        services
            .groupSection()
            .edit(
                ADMIN,
                school,
                groupId,
                body(
                    "{'displayName':'Year 7','addMembers':['"
                        + ids.get(2)
                        + "','"
                        + ids.get(3)
                        + "','"
                        + ids.get(4)
                        + "'],'removeMembers':['"
                        + ids.get(0)
                        + "']}"),
                "W/\"1\"");
    assertThat(edited)
        .isEqualTo(new StaffGroup(groupId, "Year 7", "y7", false, 4, START, START, "W/\"2\""));

    List<String> members = new ArrayList<>();
    String cursor = null;
    do {
      var detail =
          services
              .groupSection()
              .get(ADMIN, school, groupId, new GroupSection.MemberParameters(null, "3", cursor));
      detail.members().stream().map(SectionMember::id).forEach(members::add);
      cursor = detail.nextMembersCursor();
    } while (cursor != null);
    assertThat(members).containsExactlyElementsOf(ids.subList(1, 5).stream().sorted().toList());
    assertThat(
            services
                .groupSection()
                .get(ADMIN, school, groupId, GroupSection.MemberParameters.NONE)
                .members())
        .isNull();
  }

  @Test
  void aManagedGroupRefusesRenameMemberChangesAndDelete() {
    String school = newSchool();
    String member = handMade(school, "g1@school.example", "G", "One").id();
    String other = handMade(school, "g2@school.example", "G", "Two").id();
    String groupId = scimGroup(school, "Managed group", member);
    var before = services.groups().get(school, groupId);

    for (String patch :
        List.of(
            "{'displayName':'Renamed'}",
            "{'externalId':'x'}",
            "{'addMembers':['" + other + "']}",
            "{'removeMembers':['" + member + "']}")) {
      assertThat(
              refusal(
                  () -> services.groupSection().edit(ADMIN, school, groupId, body(patch), null)))
          .as(patch)
          .isEqualTo(
              new Refusal(
                  "managed-by-scim",
                  "The group "
                      + groupId
                      + " is managed by the school's identity provider through SCIM, so it cannot be"
                      + " changed in ClassLark; nothing was changed. Make the change in the school's"
                      + " identity provider, or ask ClassLark support to release the group from"
                      + " SCIM.",
                  Map.of("groupId", groupId),
                  List.of()));
    }
    assertThat(refusal(() -> services.groupSection().remove(ADMIN, school, groupId, null)).type())
        .isEqualTo("managed-by-scim");
    assertThat(services.groups().get(school, groupId)).isEqualTo(before);
    assertThat(
            services
                .groupSection()
                .get(ADMIN, school, groupId, GroupSection.MemberParameters.NONE)
                .group()
                .memberCount())
        .isEqualTo(1);
  }

  @Test
  void aReleasedGroupIsEditableUntilScimChangesItsMembersAgain() {
    String school = newSchool();
    String member = handMade(school, "r1@school.example", "R", "One").id();
    String other = handMade(school, "r2@school.example", "R", "Two").id();
    String groupId = scimGroup(school, "Released group", member);

    assertThat(services.groupSection().release(SUPPORT, school, groupId).managedBy()).isNull();
    services
        .groupSection()
        .edit(ADMIN, school, groupId, body("{'addMembers':['" + other + "']}"), null);
    services
        .groups()
        .patch(
            school,
            groupId,
            body(
                "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':"
                    + "[{'op':'remove','path':'members','value':[{'value':'"
                    + other
                    + "'}]}]}"),
            Precondition.NONE);

    assertThat(
            services
                .groupSection()
                .get(ADMIN, school, groupId, GroupSection.MemberParameters.NONE)
                .group()
                .managedBy())
        .isEqualTo("scim");
  }

  @Test
  void duplicateNamesAndUnknownMembersAreRefused() {
    String school = newSchool();
    services.groupSection().create(ADMIN, school, body("{'displayName':'Science'}"));

    assertThat(
            refusal(
                    () ->
                        services
                            .groupSection()
                            .create(ADMIN, school, body("{'displayName':'SCIENCE'}")))
                .type())
        .isEqualTo("duplicate-group-name");
    assertThat(
            refusal(
                    () ->
                        services
                            .groupSection()
                            .create(
                                ADMIN,
                                school,
                                body("{'displayName':'Art','members':['nobody'],'colour':'red'}")))
                .errors())
        .containsExactly(
            "colour: is not a field that can be set here; the fields are displayName, externalId,"
                + " members");
    assertThat(
            refusal(
                    () ->
                        services
                            .groupSection()
                            .create(
                                ADMIN, school, body("{'displayName':'Art','members':['nobody']}")))
                .errors())
        .containsExactly("members: must name staff members of this school; these are not: nobody");
  }

  @Test
  void releasingASchoolReleasesEveryManagedRecordAndGroup() {
    String school = newSchool();
    String a = scimMade(school, "sa@school.example");
    scimMade(school, "sb@school.example");
    handMade(school, "sc@school.example", "Hand", "Made");
    scimGroup(school, "All staff", a);

    ReleasedCounts counts = services.schoolRelease().release(SUPPORT, school);

    assertThat(counts).isEqualTo(new ReleasedCounts(2, 1));
    assertThat(services.schoolRelease().release(SUPPORT, school))
        .isEqualTo(new ReleasedCounts(0, 0));
    assertThat(services.staffSection().edit(ADMIN, school, a, body("{'room':'Z'}"), null).room())
        .isEqualTo("Z");
  }
}
