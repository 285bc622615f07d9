package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.error;
import static com.classlark.scim.testing.Bodies.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ClassLark's staff rules through POST /Users: each good value accepted, each bad one refused
 * exactly.
 */
class UsersValidationTest extends ServerPerEngine {

  private static final String NAME = "'name':{'givenName':'Jane','familyName':'Doe'}";
  private static final String PLANNER =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";

  /** A body with a fresh userName in place of {@code USER}. */
  private static String body(String singleQuoted) {
    String unique = "u" + UUID.randomUUID().toString().substring(0, 8) + "@school.example";
    return json(singleQuoted.replace("USER", unique));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments("{'userName':'USER'," + NAME + ",'userType':'Staff'}"),
        arguments("{'userName':'USER'," + NAME + ",'userType':'Event Manager'}"),
        arguments("{'userName':'USER'," + NAME + ",'userType':'Finance Manager'}"),
        arguments("{'userName':'USER'," + NAME + ",'userType':'Administrator'}"),
        arguments(
            "{'UserName':'USER','Name':{'GivenName':'Jane','FamilyName':'Doe'},'UserType':'Staff'}"),
        arguments("{'userName':'USER'," + NAME + ",'userType':'Staff','active':'False'}"),
        arguments("{'userName':'USER'," + NAME + ",'userType':'Staff','active':'TRUE'}"),
        arguments(
            "{'userName':'USER',"
                + NAME
                + ",'userType':'Staff','title':null,'emails':[],'nickName':''}"),
        arguments("{'userName':'USER'," + NAME + ",'userType':'Staff','favouriteColour':'blue'}"),
        arguments(
            "{'schemas':['urn:ietf:params:scim:schemas:extension:enterprise:2.0:Usr'],"
                + "'userName':'USER',"
                + NAME
                + ",'userType':'Staff','urn:ietf:params:scim:schemas:extension:enterprise:2.0:Usr':{'department':'x'}}"),
        arguments(
            "{'userName':'USER',"
                + NAME
                + ",'userType':'Staff','"
                + PLANNER
                + "':{'meetingUrl':'http://meet.example/r1'}}"),
        arguments(
            "{'userName':'USER',"
                + NAME
                + ",'userType':'Staff','emails':[{'value':'a@x.example','primary':true},"
                + "{'value':'b@x.example','primary':false}]}"));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void acceptsValidStaff(String body) {
    HttpResult result = client.post("/Users", body(body));
    assertThat(result.status()).as(result.body()).isEqualTo(201);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments("{" + NAME + ",'userType':'Staff'}", "invalidValue", "userName is required"),
        arguments(
            "{'userName':'not-an-email'," + NAME + ",'userType':'Staff'}",
            "invalidValue",
            "userName must be an email address, e.g. jane.doe@school.example"),
        arguments(
            "{'userName':'jane doe@school.example'," + NAME + ",'userType':'Staff'}",
            "invalidValue",
            "userName must be an email address, e.g. jane.doe@school.example"),
        arguments(
            "{'userName':'USER','userType':'Staff'}",
            "invalidValue",
            "name is required, with name.familyName and name.givenName"),
        arguments(
            "{'userName':'USER','name':{'givenName':'Jane'},'userType':'Staff'}",
            "invalidValue",
            "name.familyName is required"),
        arguments(
            "{'userName':'USER','name':{'familyName':'Doe'},'userType':'Staff'}",
            "invalidValue",
            "name.givenName is required"),
        arguments("{'userName':'USER'," + NAME + "}", "invalidValue", "userType is required"),
        arguments(
            "{'userName':'USER'," + NAME + ",'userType':'staff'}",
            "invalidValue",
            "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)"),
        arguments(
            "{'userName':'USER'," + NAME + ",'userType':'Teacher'}",
            "invalidValue",
            "userType must be exactly one of Staff, Event Manager, Finance Manager, Administrator"
                + " (case-sensitive)"),
        arguments(
            "{'userName':'USER',"
                + NAME
                + ",'userType':'Staff','"
                + PLANNER
                + "':{'meetingUrl':'ftp://meet.example/r1'}}",
            "invalidValue",
            PLANNER
                + ":meetingUrl must be an absolute http or https URL, e.g. https://meet.school.example/a113"),
        arguments(
            "{'userName':'USER',"
                + NAME
                + ",'userType':'Staff','"
                + PLANNER
                + "':{'meetingUrl':'/rooms/a113'}}",
            "invalidValue",
            PLANNER
                + ":meetingUrl must be an absolute http or https URL, e.g. https://meet.school.example/a113"),
        arguments(
            "{'userName':'USER',"
                + NAME
                + ",'userType':'Staff','emails':[{'value':'a@x.example','primary':true},"
                + "{'value':'b@x.example','primary':'True'}]}",
            "invalidValue",
            "emails must not have more than one value with primary set to true"),
        arguments(
            "{'userName':'USER'," + NAME + ",'userType':'Staff','active':5}",
            "invalidSyntax",
            "active must be a boolean (true or false), not a number"),
        arguments(
            "{'userName':'USER'," + NAME + ",'userType':'Staff','active':'maybe'}",
            "invalidValue",
            "active must be true or false"),
        arguments(
            "{'userName':['USER']," + NAME + ",'userType':'Staff'}",
            "invalidSyntax",
            "userName must be a string, not an array"),
        arguments("[1]", "invalidSyntax", "the request body must be a JSON object"),
        arguments(
            "{bad", "invalidSyntax", "the request body is not valid JSON at line 1, column 2"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesInvalidStaffNamingTheAttribute(String body, String scimType, String detail) {
    HttpResult result = client.post("/Users", body(body));
    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body()).isEqualTo(error(400, scimType, detail));
  }
}
