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
                school,
                body(
                    "{'displayName':'Year 7 tutors','externalId':'y7','members':['"
                        + ids.get(0)
                        + "','"
                        + ids.get(1)
                        + "']}"),
                ADMIN);
    String groupId = created.group().id();
    assertThat(created.group())
        .isEqualTo(
            new StaffGroup(groupId, "Year 7 tutors", "y7", false, 2, START, START, "W/\"1\""));

    StaffGroup edited =
        services
            .groupSection()
            .edit(
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
                "W/\"1\"",
                ADMIN);
    assertThat(edited)
        .isEqualTo(new StaffGroup(groupId, "Year 7", "y7", false, 4, START, START, "W/\"2\""));

    List<String> members = new ArrayList<>();
    String cursor = null;
    do {
      var detail =
          services
              .groupSection()
              .get(school, groupId, new GroupSection.MemberParameters(null, "3", cursor));
      detail.members().stream().map(SectionMember::id).forEach(members::add);
      cursor = detail.nextMembersCursor();
    } while (cursor != null);
    assertThat(members).containsExactlyElementsOf(ids.subList(1, 5).stream().sorted().toList());
    assertThat(
            services
                .groupSection()
                .get(school, groupId, GroupSection.MemberParameters.NONE)
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
                  () -> services.groupSection().edit(school, groupId, body(patch), null, ADMIN)))
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
    assertThat(refusal(() -> services.groupSection().remove(school, groupId, null, ADMIN)).type())
        .isEqualTo("managed-by-scim");
    assertThat(services.groups().get(school, groupId)).isEqualTo(before);
    assertThat(
            services
                .groupSection()
                .get(school, groupId, GroupSection.MemberParameters.NONE)
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

    assertThat(services.groupSection().release(school, groupId, ADMIN).managedBy()).isNull();
    services
        .groupSection()
        .edit(school, groupId, body("{'addMembers':['" + other + "']}"), null, ADMIN);
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
                .get(school, groupId, GroupSection.MemberParameters.NONE)
                .group()
                .managedBy())
        .isEqualTo("scim");
  }

  @Test
  void duplicateNamesAndUnknownMembersAreRefused() {
    String school = newSchool();
    services.groupSection().create(school, body("{'displayName':'Science'}"), ADMIN);

    assertThat(
            refusal(
                    () ->
                        services
                            .groupSection()
                            .create(school, body("{'displayName':'SCIENCE'}"), ADMIN))
                .type())
        .isEqualTo("duplicate-group-name");
    assertThat(
            refusal(
                    () ->
                        services
                            .groupSection()
                            .create(
                                school,
                                body("{'displayName':'Art','members':['nobody'],'colour':'red'}"),
                                ADMIN))
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
                                school, body("{'displayName':'Art','members':['nobody']}"), ADMIN))
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

    ReleasedCounts counts = services.schoolRelease().release(school, ADMIN);

    assertThat(counts).isEqualTo(new ReleasedCounts(2, 1));
    assertThat(services.schoolRelease().release(school, ADMIN)).isEqualTo(new ReleasedCounts(0, 0));
    assertThat(services.staffSection().edit(school, a, body("{'room':'Z'}"), null, ADMIN).room())
        .isEqualTo("Z");
  }
}
