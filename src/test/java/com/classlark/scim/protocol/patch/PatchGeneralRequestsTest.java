package com.classlark.scim.protocol.patch;

import static com.classlark.scim.protocol.patch.PatchTexts.CORE;
import static com.classlark.scim.protocol.patch.PatchTexts.STAFF;
import static com.classlark.scim.protocol.patch.PatchTexts.USER;
import static com.classlark.scim.protocol.patch.PatchTexts.USER_ID;
import static com.classlark.scim.protocol.patch.PatchTexts.WORK_EMAIL;
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
 * User PATCH requests as Okta sends them ([okta] developer.okta.com/docs/reference/scim/scim-20/,
 * "Update a specific User (PATCH)") and as any client may send them: several operations, merges,
 * primary values, value lists. Each with the whole resulting document.
 */
class PatchGeneralRequestsTest {

  static Stream<Arguments> oktaRequests() {
    return Stream.of(
        // [okta] "Update a specific User (PATCH)": deactivation.
        arguments(
            "Okta deactivates with a pathless replace",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'replace','value':{'active':false}}]}",
            STAFF.replace("'active':true", "'active':false")),
        arguments(
            "Okta's pathless replace may repeat the id, schemas and meta",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[{"
                + "'op':'replace','value':{'schemas':['"
                + USER
                + "'],'id':'"
                + USER_ID
                + "',"
                + "'meta':{'resourceType':'User'},'userName':'jane.d@school.example',"
                + "'active':false}}]}",
            STAFF
                .replace("'active':true", "'active':false")
                .replace("jane.doe@school.example','name'", "jane.d@school.example','name'")));
  }

  static Stream<Arguments> generalRequests() {
    return Stream.of(
        arguments(
            "several operations on the same attribute apply in order",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'add','path':'emails','value':[{'value':'jane@home.example','type':'home'}]},{'op':'replace','path':'emails[type"
                + " eq \\'home\\'].value','value':'jane@new-home.example'},{'op':'remove','path':'emails[type"
                + " eq \\'work\\']'},{'op':'replace','path':'emails[type eq"
                + " \\'home\\'].primary','value':true}]}",
            STAFF.replace(
                "'emails':[" + WORK_EMAIL + "]",
                "'emails':[{'value':'jane@new-home.example','type':'home','primary':true}]")),
        arguments(
            "add to a multi-valued attribute does not duplicate an identical value",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'add','path':'emails','value':"
                + WORK_EMAIL
                + "}]}",
            STAFF),
        arguments(
            "add of a primary value makes the existing primary value non-primary",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'add','path':'emails','value':[{'value':'j@school.example',"
                + "'type':'other','primary':true}]}]}",
            STAFF.replace(
                "'emails':[" + WORK_EMAIL + "]",
                "'emails':[{'value':'jane.doe@school.example','type':'work','primary':false},"
                    + "{'value':'j@school.example','type':'other','primary':true}]")),
        arguments(
            "add to a complex attribute merges the sub-attributes",
            user(""),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'add','path':'name','value':{'middleName':'Quinn',"
                + "'honorificPrefix':'Dr.'}}]}",
            "{'schemas':['"
                + USER
                + "'],'userName':'jane.doe@school.example','name':{"
                + "'familyName':'Doe','givenName':'Jane','middleName':'Quinn',"
                + "'honorificPrefix':'Dr.'},'userType':'Staff'}"),
        arguments(
            "replace of a multi-valued attribute replaces all values",
            user("'emails':[" + WORK_EMAIL + ",{'value':'jane@home.example','type':'home'}]"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'replace','path':'emails','value':[{'value':'x@school.example'}]}]}",
            user("'emails':[{'value':'x@school.example'}]")),
        arguments(
            "remove of a sub-attribute of the values a filter selects",
            user(
                "'emails':[{'value':'a@school.example','type':'work','display':'A'},"
                    + "{'value':'b@school.example','type':'home','display':'B'}]"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'remove','path':'emails[type eq \\'work\\'].display'}]}",
            user(
                "'emails':[{'value':'a@school.example','type':'work'},"
                    + "{'value':'b@school.example','type':'home','display':'B'}]")),
        arguments(
            "remove of a sub-attribute of every value",
            user(
                "'emails':[{'value':'a@school.example','display':'A'},"
                    + "{'value':'b@school.example','display':'B'}]"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'remove','path':'emails.display'}]}",
            user("'emails':[{'value':'a@school.example'},{'value':'b@school.example'}]")),
        arguments(
            "remove with a value list removes only those values",
            user(
                "'emails':[{'value':'a@school.example','type':'work'},"
                    + "{'value':'b@school.example','type':'home'}]"),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'Remove','path':'emails','value':[{'value':'A@SCHOOL.EXAMPLE'}]}]}",
            user("'emails':[{'value':'b@school.example','type':'home'}]")),
        arguments(
            "remove of an attribute that has no value changes nothing",
            STAFF,
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'remove','path':'title'},{'op':'remove','path':'name.middleName'}]}",
            STAFF),
        arguments(
            "a ClassLark extension attribute by its qualified path, then the RFC's path examples",
            user(""),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'add','path':'urn:ietf:params:scim:schemas:extension:"
                + "school-event-planner:2.0:User:room','value':'A113'},"
                + "{'op':'replace','path':'name.familyName','value':'Jensen'},"
                + "{'op':'add','path':'addresses[type eq \\'work\\']','value':{"
                + "'locality':'Hollywood'}}]}",
            "{'schemas':['"
                + USER
                + "','"
                + PatchTexts.CLASSLARK
                + "'],"
                + CORE.replace("'Doe'", "'Jensen'")
                + ",'addresses':[{'locality':'Hollywood','type':'work'}],"
                + "'"
                + PatchTexts.CLASSLARK
                + "':{'room':'A113'}}"),
        arguments(
            "password is accepted and never stored",
            user(""),
            "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':["
                + "{'op':'replace','path':'password','value':'t1meMa$heen'},"
                + "{'op':'replace','value':{'password':'t1meMa$heen','nickName':'JD'}}]}",
            user("'nickName':'JD'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"oktaRequests", "generalRequests"})
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
