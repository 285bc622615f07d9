package com.classlark.scim.protocol.patch;

import static com.classlark.scim.protocol.patch.PatchTexts.GROUP;
import static com.classlark.scim.protocol.patch.PatchTexts.object;
import static com.classlark.scim.protocol.patch.PatchTexts.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.patch.MembershipChange.AddMembers;
import com.classlark.scim.protocol.patch.MembershipChange.RemoveAllMembers;
import com.classlark.scim.protocol.patch.MembershipChange.RemoveMembers;
import com.classlark.scim.protocol.patch.MembershipChange.ReplaceMembers;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group PATCH requests as Microsoft Entra ID and Okta send them, split into document operations and
 * membership changes. Sources: [entra-dev]
 * learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 * ("Update Group [Add Members]", "[Remove Members]", "[Non-member attributes]"); [entra-flag]
 * learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
 * ("Requests made to remove a group member" without and with aadOptscim062020); [okta]
 * developer.okta.com/docs/reference/scim/scim-20/ ("Update a specific Group name", "Update specific
 * Group membership").
 */
class PatchGroupPlanTest {

  private static final String GROUP_ID = "abf4dd94-a4c0-4f67-89c9-76b03340cb9b";

  static Stream<Arguments> plans() {
    return Stream.of(
        // [entra-dev] Update Group [Add Members].
        arguments(
            "Entra adds a member with $ref null",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'Add','path':'members','value':[{'$ref':null,"
                + "'value':'f648f8d5ea4e4cd38e9c'}]}]}",
            "",
            List.of(new AddMembers(List.of("f648f8d5ea4e4cd38e9c")))),
        // [entra-dev] Update Group [Remove Members]; [entra-flag] without the flag.
        arguments(
            "Entra removes members listed in the value",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'Remove','path':'members','value':[{'$ref':null,"
                + "'value':'f648f8d5ea4e4cd38e9c'},{'value':'u1091'}]}]}",
            "",
            List.of(new RemoveMembers(List.of("f648f8d5ea4e4cd38e9c", "u1091")))),
        // [entra-flag] with aadOptscim062020.
        arguments(
            "Entra removes a member by value filter (flag on)",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'members[value"
                + " eq \\'7f4bc1a3-285e-48ae-8202-5accb43efb0e\\']'}]}",
            "",
            List.of(new RemoveMembers(List.of("7f4bc1a3-285e-48ae-8202-5accb43efb0e")))),
        // [entra-dev] Update Group [Non-member attributes].
        arguments(
            "Entra renames the group",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'Replace','path':'displayName',"
                + "'value':'1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName'}]}",
            "{'op':'Replace','path':'displayName',"
                + "'value':'1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName'}",
            List.of()),
        // [okta] Update a specific Group name.
        arguments(
            "Okta renames the group with a pathless replace carrying the id",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'replace','value':{'id':'abf4dd94-a4c0-4f67-89c9-76b03340cb9b',"
                + "'displayName':'Test SCIMv2'}}]}",
            "{'op':'replace','value':{'id':'abf4dd94-a4c0-4f67-89c9-76b03340cb9b',"
                + "'displayName':'Test SCIMv2'}}",
            List.of()),
        // [okta] Update specific Group membership.
        arguments(
            "Okta removes one member by filter and adds another",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'remove','path':'members[value"
                + " eq \\'89bb1940-b905-4575-9e7f-6f887cfb368e\\']'"
                + "},{'op':'add','path':'members','value':[{"
                + "'value':'23a35c27-23d3-4c03-b4c5-6443c09e7173','display':'test.user@okta.local'"
                + "}]}]}",
            "",
            List.of(
                new RemoveMembers(List.of("89bb1940-b905-4575-9e7f-6f887cfb368e")),
                new AddMembers(List.of("23a35c27-23d3-4c03-b4c5-6443c09e7173")))),
        // [okta] full push of the membership with replace.
        arguments(
            "Okta replaces all members",
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'replace','path':'members','value':[{"
                + "'value':'23a35c27-23d3-4c03-b4c5-6443c09e7173','display':'test.user@okta.local'},"
                + "{'value':'89bb1940-b905-4575-9e7f-6f887cfb368e','display':'test.user@okta.local'"
                + "}]}]}",
            "",
            List.of(
                new ReplaceMembers(
                    List.of(
                        "23a35c27-23d3-4c03-b4c5-6443c09e7173",
                        "89bb1940-b905-4575-9e7f-6f887cfb368e")))),
        arguments(
            "a pathless replace with members, displayName and id",
            patch(
                "{'op':'replace','value':{'id':'"
                    + GROUP_ID
                    + "','displayName':'Year 7 tutors',"
                    + "'Members':[{'value':'u1','type':'User'},{'value':'u2','type':'user'}]}}"),
            "{'op':'replace','value':{'id':'" + GROUP_ID + "','displayName':'Year 7 tutors'}}",
            List.of(new ReplaceMembers(List.of("u1", "u2")))),
        arguments(
            "a pathless add with members only",
            patch("{'op':'add','value':{'members':[{'value':'u1'},{'value':'u1'},'u2']}}"),
            "",
            List.of(new AddMembers(List.of("u1", "u2")))),
        arguments(
            "add of a single member object and of the qualified path",
            patch(
                "{'op':'add','path':'members','value':{'value':'u1','name':'x'}}",
                "{'op':'add','path':'urn:ietf:params:scim:schemas:core:2.0:Group:members',"
                    + "'value':[{'value':'u2'}]}"),
            "",
            List.of(new AddMembers(List.of("u1")), new AddMembers(List.of("u2")))),
        arguments(
            "remove of several members joined by or",
            patch("{'op':'remove','path':'members[value eq \\'u1\\' or Value eq \\'u2\\']'}"),
            "",
            List.of(new RemoveMembers(List.of("u1", "u2")))),
        arguments(
            "remove of members without value removes all (RFC 7644 section 3.5.2.2)",
            patch(
                "{'op':'remove','path':'members'}",
                "{'op':'remove','path':'members','value':null}"),
            "",
            List.of(new RemoveAllMembers(), new RemoveAllMembers())),
        arguments(
            "remove with an empty list and add of nothing change nothing",
            patch(
                "{'op':'remove','path':'members','value':[]}",
                "{'op':'add','path':'members','value':[]}"),
            "",
            List.of()),
        arguments(
            "replace of members with nothing removes all",
            patch("{'op':'replace','path':'members','value':[]}"),
            "",
            List.of(new RemoveAllMembers())),
        arguments(
            "document and member operations keep their own order",
            patch(
                "{'op':'replace','path':'displayName','value':'A'}",
                "{'op':'add','path':'members','value':[{'value':'u1'}]}",
                "{'op':'replace','path':'externalId','value':'ext'}",
                "{'op':'remove','path':'members[value eq \\'u1\\']'}"),
            "{'op':'replace','path':'displayName','value':'A'},"
                + "{'op':'replace','path':'externalId','value':'ext'}",
            List.of(new AddMembers(List.of("u1")), new RemoveMembers(List.of("u1")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void splitsTheRequest(
      String name, String request, String documentOperations, List<MembershipChange> changes) {
    GroupPatchPlan plan = GroupPatchPlan.plan(GROUP_ID, PatchRequest.parse(object(request)));
    List<PatchOperation> expectedDocument =
        documentOperations.isEmpty()
            ? List.of()
            : PatchRequest.parse(object(patch(documentOperations)));
    assertThat(plan.documentOperations()).isEqualTo(expectedDocument);
    assertThat(plan.membershipChanges()).isEqualTo(changes);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments(
            "{'op':'add','path':'members','value':[{'value':'g2','type':'Group'}]}",
            ScimType.INVALID_VALUE,
            "nested groups are not supported: a member's type must be User, not \"Group\""),
        arguments(
            "{'op':'add','path':'members','value':[{'value':'" + GROUP_ID + "'}]}",
            ScimType.INVALID_VALUE,
            "group " + GROUP_ID + " cannot be a member of itself: staff groups do not nest"),
        arguments(
            "{'op':'add','path':'members','value':[{'value':''}]}",
            ScimType.INVALID_VALUE,
            "a member's value must be the non-empty id of a User, e.g. {\"value\": \"<id>\"}"),
        arguments(
            "{'op':'add','path':'members','value':[{'value':42}]}",
            ScimType.INVALID_VALUE,
            "a member's value must be the non-empty id of a User, e.g. {\"value\": \"<id>\"}, not"
                + " {\"value\":42}"),
        arguments(
            "{'op':'add','path':'members','value':[{'display':'Jane'}]}",
            ScimType.INVALID_VALUE,
            "a member's value must be the non-empty id of a User, e.g. {\"value\": \"<id>\"}, not"
                + " {\"display\":\"Jane\"}"),
        arguments(
            "{'op':'add','path':'members','value':[7]}",
            ScimType.INVALID_VALUE,
            "each member must be an object such as {\"value\": \"<id>\"}, not 7"),
        arguments(
            "{'op':'remove','path':'members[display eq \\'x\\']'}",
            ScimType.INVALID_FILTER,
            "a member filter must select members by id: members[value eq \"<id>\"], several joined"
                + " with 'or'; [display eq \"x\"] is not supported"),
        arguments(
            "{'op':'remove','path':'members[value eq \\'u1\\' and value eq \\'u2\\']'}",
            ScimType.INVALID_FILTER,
            "a member filter must select members by id: members[value eq \"<id>\"], several joined"
                + " with 'or'; [value eq \"u1\" and value eq \"u2\"] is not supported"),
        arguments(
            "{'op':'remove','path':'members[value sw \\'u\\']'}",
            ScimType.INVALID_FILTER,
            "a member filter must select members by id: members[value eq \"<id>\"], several joined"
                + " with 'or'; [value sw \"u\"] is not supported"),
        arguments(
            "{'op':'remove','path':'members[colour eq \\'x\\']'}",
            ScimType.INVALID_FILTER,
            "unknown sub-attribute 'colour' of 'members' in filter"),
        arguments(
            "{'op':'replace','path':'members[value eq \\'u1\\']','value':{'value':'u2'}}",
            ScimType.INVALID_PATH,
            "a member filter selects members to remove; to replace members use path 'members' with"
                + " a list of {\"value\": \"<id>\"}"),
        arguments(
            "{'op':'remove','path':'members.value'}",
            ScimType.INVALID_PATH,
            "a member's sub-attributes cannot be changed on their own; add or remove the member"
                + " with path 'members' or 'members[value eq \"<id>\"]'"),
        arguments(
            "{'op':'remove','path':'members[value eq \\'u1\\'].display'}",
            ScimType.INVALID_PATH,
            "a member's sub-attributes cannot be changed on their own; add or remove the member"
                + " with path 'members' or 'members[value eq \"<id>\"]'"),
        arguments(
            "{'op':'add','path':'members'}",
            ScimType.INVALID_VALUE,
            "add of members needs a value: a list of {\"value\": \"<id>\"}"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("refused")
  void refusesMemberOperations(String operation, ScimType scimType, String detail) {
    List<PatchOperation> operations = PatchRequest.parse(object(patch(operation)));
    assertThatThrownBy(() -> GroupPatchPlan.plan(GROUP_ID, operations))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.scimType()).contains(scimType);
              assertThat(error.detail()).isEqualTo(detail);
            });
  }

  @Test
  void documentOperationsApplyToTheGroupDocument() {
    ObjectNode group =
        object("{'schemas':['" + GROUP + "'],'externalId':'e1','displayName':'Tutors'}");
    GroupPatchPlan plan =
        GroupPatchPlan.plan(
            GROUP_ID,
            PatchRequest.parse(
                object(
                    patch(
                        "{'op':'replace','value':{'id':'"
                            + GROUP_ID
                            + "',"
                            + "'displayName':'Year 7 tutors','members':[{'value':'u1'}]}}",
                        "{'op':'Remove','path':'externalId'}"))));
    assertThat(PatchEngine.apply(ResourceTypes.GROUP, group, GROUP_ID, plan.documentOperations()))
        .isEqualTo(object("{'schemas':['" + GROUP + "'],'displayName':'Year 7 tutors'}"));
    assertThat(plan.membershipChanges()).containsExactly(new ReplaceMembers(List.of("u1")));
  }
}
