package com.classlark.scim.protocol.patch;

import static com.classlark.scim.protocol.patch.PatchTexts.ENTERPRISE;
import static com.classlark.scim.protocol.patch.PatchTexts.MANAGER;
import static com.classlark.scim.protocol.patch.PatchTexts.STAFF;
import static com.classlark.scim.protocol.patch.PatchTexts.USER;
import static com.classlark.scim.protocol.patch.PatchTexts.USER_ID;
import static com.classlark.scim.protocol.patch.PatchTexts.WORK_EMAIL;
import static com.classlark.scim.protocol.patch.PatchTexts.enterpriseUser;
import static com.classlark.scim.protocol.patch.PatchTexts.object;
import static com.classlark.scim.protocol.patch.PatchTexts.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User PATCH requests exactly as Microsoft Entra ID and Okta send them, each with the whole
 * resulting document. Sources:
 *
 * <ul>
 *   <li>[entra-dev]
 *       learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups
 *       ("Develop and plan provisioning for a SCIM endpoint", request/response examples);
 *   <li>[entra-flag]
 *       learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility
 *       (known issues; requests without and with the aadOptscim062020 flag);
 *   <li>[entra-qa]
 *       learn.microsoft.com/en-us/answers/questions/1684621/entra-id-patch-sending-add-instead-of-replace
 *       (Entra sends Add for emails[type eq "work"].value);
 *   <li>[okta] developer.okta.com/docs/reference/scim/scim-20/ (deactivate users; group push).
 * </ul>
 */
class PatchEntraRequestsTest {

  private static final String E = ENTERPRISE;

  static Stream<Arguments> entraRequests() {
    return Stream.of(
        // [entra-flag] "Requests made to disable users", without feature flag.
        arguments(
            "Entra disables with Replace and the string False",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'active','value':'False'}]}",
            STAFF.replace("'active':true", "'active':false")),
        // [entra-flag] "Requests made to disable users", with feature flag.
        arguments(
            "Entra disables with replace and a boolean (flag on)",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'replace','path':'active','value':false}]}",
            STAFF.replace("'active':true", "'active':false")),
        // [entra-dev] "Disable User": Operations before schemas.
        arguments(
            "Entra disable user example",
            STAFF,
            "{'Operations':[{'op':'Replace','path':'active','value':false}],"
                + "'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp']}",
            STAFF.replace("'active':true", "'active':false")),
        arguments(
            "Entra reactivates with the string True",
            STAFF.replace("'active':true", "'active':false"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'active','value':'True'}]}",
            STAFF),
        // [entra-flag] "Requests to add a single-value string attribute", without flag.
        arguments(
            "Entra adds a single-value string with Add",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Add','path':'nickName','value':'Babs'}]}",
            STAFF.replace("'active':true", "'active':true,'nickName':'Babs'")),
        // [entra-flag] "Requests to replace multiple attributes", without flag.
        arguments(
            "Entra replaces several attributes, one operation each",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'displayName','value':'Pvlo'},"
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'TestBcwqnm@test.microsoft.com'},"
                + "{'op':'Replace','path':'name.givenName','value':'Gtfd'},"
                + "{'op':'Replace','path':'name.familyName','value':'Pkqf'},"
                + "{'op':'Replace','path':'externalId','value':'Eqpj'},"
                + "{'op':'Replace','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:employeeNumber','value':'Eqpj'}]}",
            "{'schemas':['"
                + USER
                + "','"
                + E
                + "'],'externalId':'Eqpj',"
                + "'userName':'jane.doe@school.example','name':{'familyName':'Pkqf',"
                + "'givenName':'Gtfd'},'userType':'Staff','displayName':'Pvlo','active':true,"
                + "'emails':[{'value':'TestBcwqnm@test.microsoft.com','type':'work','primary':true}],"
                + "'"
                + E
                + "':{'employeeNumber':'Eqpj',"
                + MANAGER
                + "}}"),
        // [entra-flag] "Requests to replace multiple attributes", with flag: dotted and URN keys.
        arguments(
            "Entra replaces several attributes with one pathless replace (flag on)",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'TestMhvaes@test.microsoft.com'},"
                + "{'op':'replace','value':{'displayName':'Bjfe','name.givenName':'Kkom',"
                + "'name.familyName':'Unua','urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:employeeNumber':'Aklq'}}]}",
            "{'schemas':['"
                + USER
                + "','"
                + E
                + "'],'externalId':'jd-1',"
                + "'userName':'jane.doe@school.example','name':{'familyName':'Unua',"
                + "'givenName':'Kkom'},'userType':'Staff','displayName':'Bjfe','active':true,"
                + "'emails':[{'value':'TestMhvaes@test.microsoft.com','type':'work','primary':true}],"
                + "'"
                + E
                + "':{'employeeNumber':'Aklq',"
                + MANAGER
                + "}}"),
        // [entra-dev] "Update User [Multi-valued properties]".
        arguments(
            "Entra updates the work email and the family name",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'updatedEmail@microsoft.com'},"
                + "{'op':'Replace','path':'name.familyName','value':'updatedFamilyName'}]}",
            STAFF
                .replace("'familyName':'Doe'", "'familyName':'updatedFamilyName'")
                .replace(
                    "{'value':'jane.doe@school.example','type':'work'",
                    "{'value':'updatedEmail@microsoft.com','type':'work'")),
        // [entra-dev] "Update User [Single-valued properties]".
        arguments(
            "Entra replaces the userName",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'Replace','path':'userName',"
                + "'value':'5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com'}]}",
            STAFF.replace(
                "'userName':'jane.doe@school.example'",
                "'userName':'5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com'")),
        // [entra-dev] emails[type eq "work"] is a mapped target; Entra's validator expects a
        // Replace to create the work email when the user has none of that type.
        arguments(
            "Entra Replace creates the work email when there is none of that type",
            user("'emails':[{'value':'jane@home.example','type':'home'}]"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'jane.doe@school.example'}]}",
            user(
                "'emails':[{'value':'jane@home.example','type':'home'},"
                    + "{'value':'jane.doe@school.example','type':'work'}]")),
        // [entra-qa] Entra sends Add for the same path.
        arguments(
            "Entra Add on emails[type eq work].value creates the work email",
            user(""),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'title','value':'tester'},"
                + "{'op':'Add','path':'emails[type eq \\'work\\'].value',"
                + "'value':'joe@joe.com'}]}",
            user("'title':'tester','emails':[{'value':'joe@joe.com','type':'work'}]")),
        // [entra-dev] mapping table: phoneNumbers[type eq "work"].value,
        // addresses[type eq "work"].streetAddress.
        arguments(
            "Entra creates a work phone number and a work address",
            user(""),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{'op':'Add','path':'phoneNumbers[type"
                + " eq \\'work\\'].value','value':'+44 20 7946"
                + " 0000'},{'op':'Add','path':'addresses[type eq"
                + " \\'work\\'].streetAddress','value':'1 School"
                + " Lane'},{'op':'Add','path':'addresses[type eq"
                + " \\'work\\'].postalCode','value':'AB1 2CD'}]}",
            user(
                "'phoneNumbers':[{'value':'+44 20 7946 0000','type':'work'}],"
                    + "'addresses':[{'streetAddress':'1 School Lane','postalCode':'AB1 2CD',"
                    + "'type':'work'}]")),
        arguments(
            "Entra creates a primary work email and the old primary stops being primary",
            user("'emails':[{'value':'jane@home.example','type':'home','primary':true}]"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Add','path':'emails[type eq \\'work\\' and primary eq true].value',"
                + "'value':'jane.doe@school.example'}]}",
            user(
                "'emails':[{'value':'jane@home.example','type':'home','primary':false},"
                    + "{'value':'jane.doe@school.example','type':'work','primary':true}]")),
        arguments(
            "Entra clears the work email with an empty string",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value','value':''}]}",
            STAFF.replace(",'emails':[" + WORK_EMAIL + "]", "")),
        arguments(
            "Entra clears a title with an empty string",
            user("'title':'Head of Science'"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'title','value':''}]}",
            user("")),
        arguments(
            "Entra sets the manager by a bare id",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:manager','value':'boss-2'}]}",
            STAFF.replace(MANAGER, "'manager':{'value':'boss-2'}")),
        arguments(
            "Entra sets the manager as an object",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Add','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:manager','value':{'value':'boss-2'}}]}",
            STAFF.replace(MANAGER, "'manager':{'value':'boss-2'}")),
        arguments(
            "Entra sets the manager as an array of one reference",
            user(""),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Add','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:manager','value':[{'$ref':'https://scim.example/Users/boss-2',"
                + "'value':'boss-2'}]}]}",
            enterpriseUser(
                "'"
                    + E
                    + "':{'manager':{'value':'boss-2',"
                    + "'$ref':'https://scim.example/Users/boss-2'}}")),
        arguments(
            "Entra removes the manager with an empty string",
            STAFF,
            managerOperation("{'op':'Replace','path':'" + E + ":manager','value':''}"),
            withoutManager()),
        arguments(
            "Entra removes the manager with an empty value object",
            STAFF,
            managerOperation("{'op':'Replace','path':'" + E + ":manager','value':{'value':''}}"),
            withoutManager()),
        arguments(
            "Entra removes the manager with null",
            STAFF,
            managerOperation("{'op':'Replace','path':'" + E + ":manager','value':null}"),
            withoutManager()),
        arguments(
            "Entra removes the manager with Remove",
            STAFF,
            managerOperation("{'op':'Remove','path':'" + E + ":manager'}"),
            withoutManager()),
        arguments(
            "the extension goes from schemas once its last attribute is removed",
            enterpriseUser("'" + E + "':{" + MANAGER + "}"),
            managerOperation("{'op':'Remove','path':'" + E + ":manager'}"),
            user("")),
        arguments(
            "a pathless replace mixes normal, dotted and URN keys and clears empty ones",
            user("'title':'Teacher','" + E + "':{'department':'Science'}"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Replace','value':{'displayName':'Bjfe','name.givenName':'Kkom',"
                + "'name.middleName':'Q','"
                + E
                + ":employeeNumber':'Aklq','active':'True',"
                + "'title':'','"
                + E
                + "':{'department':null}}}]}",
            "{'schemas':['"
                + USER
                + "','"
                + E
                + "'],'userName':'jane.doe@school.example',"
                + "'name':{'familyName':'Doe','givenName':'Kkom','middleName':'Q'},"
                + "'userType':'Staff','displayName':'Bjfe','active':true,"
                + "'"
                + E
                + "':{'employeeNumber':'Aklq'}}"));
  }

  private static String managerOperation(String operation) {
    return "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
        + operation
        + "]}";
  }

  private static String withoutManager() {
    return STAFF.replace(
        ",'manager':{'value':'boss-1','$ref':'https://scim.example/Users/boss-1',"
            + "'displayName':'Ben Boss'}",
        "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entraRequests")
  void requestGivesTheExpectedDocument(
      String name, String before, String request, String expected) {
    ObjectNode document = object(before);
    ObjectNode result =
        PatchEngine.apply(
            ResourceTypes.USER, document, USER_ID, PatchRequest.parse(object(request)));
    assertThat(result).isEqualTo(object(expected));
    assertThat(document).isEqualTo(object(before));
  }
}
