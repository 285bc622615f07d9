package com.classlark.scim.protocol.resource;

import static com.classlark.scim.protocol.resource.JsonTexts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceReaderTest {

  /** The smallest valid staff member, in the single-quoted shorthand, without the closing brace. */
  private static final String STAFF =
      "{'userName':'jane.doe@school.example','name':{'givenName':'Jane','familyName':'Doe'},"
          + "'userType':'Staff'";

  private static final String STAFF_OUT =
      "{'schemas':['"
          + JsonTexts.USER
          + "'],'userName':'jane.doe@school.example',"
          + "'name':{'familyName':'Doe','givenName':'Jane'},'userType':'Staff'";

  static Stream<Arguments> tolerated() {
    return Stream.of(
        arguments("canonical input stays as it is", STAFF + "}", STAFF_OUT + "}"),
        arguments(
            "attribute names in any case at every level",
            "{'USERNAME':'jane.doe@school.example','Name':{'GivenName':'Jane','familyname':'Doe'},"
                + "'UserType':'Staff','Emails':[{'Value':'jane@home.example','TYPE':'home'}]}",
            STAFF_OUT + ",'emails':[{'value':'jane@home.example','type':'home'}]}"),
        arguments(
            "extension URN key in any case",
            STAFF
                + ",'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER':"
                + "{'Department':'Science'}}",
            userWithExtensions(
                JsonTexts.ENTERPRISE, "'" + JsonTexts.ENTERPRISE + "':{'department':'Science'}")),
        arguments(
            "URN-qualified top-level keys, also with a sub-attribute",
            STAFF
                + ",'"
                + JsonTexts.ENTERPRISE
                + ":employeeNumber':'7','"
                + JsonTexts.ENTERPRISE
                + ":manager.value':'boss-id','"
                + JsonTexts.CLASSLARK.toUpperCase()
                + ":ROOM':'A113'}",
            userWithExtensions(
                JsonTexts.ENTERPRISE + "','" + JsonTexts.CLASSLARK,
                "'"
                    + JsonTexts.ENTERPRISE
                    + "':{'employeeNumber':'7','manager':{'value':'boss-id'}},'"
                    + JsonTexts.CLASSLARK
                    + "':{'room':'A113'}")),
        arguments(
            "URN-qualified core attribute",
            "{'"
                + JsonTexts.USER
                + ":userName':'jane.doe@school.example','name':{'givenName':'Jane',"
                + "'familyName':'Doe'},'userType':'Staff'}",
            STAFF_OUT + "}"),
        arguments(
            "dotted keys at the top level merge into the complex attribute",
            "{'userName':'jane.doe@school.example','name.givenName':'Jane','Name.FamilyName':'Doe',"
                + "'userType':'Staff'}",
            STAFF_OUT + "}"),
        arguments(
            "a dotted key adds to a complex attribute given as an object",
            "{'userName':'jane.doe@school.example','name':{'givenName':'Jane'},"
                + "'name.familyName':'Doe','userType':'Staff'}",
            STAFF_OUT + "}"),
        arguments(
            "booleans as strings in any case",
            STAFF + ",'active':'False','emails':[{'value':'a@school.example','primary':'TRUE'}]}",
            STAFF_OUT + ",'active':false,'emails':[{'value':'a@school.example','primary':true}]}"),
        arguments(
            "null, empty string, empty array and empty object mean not set",
            STAFF.replace("'familyName':'Doe'", "'familyName':'Doe','middleName':null")
                + ",'displayName':null,'title':'','emails':[],'addresses':[{}],'phoneNumbers':[null],"
                + "'externalId':'','"
                + JsonTexts.ENTERPRISE
                + "':{},'"
                + JsonTexts.CLASSLARK
                + "':{'room':null}}",
            STAFF_OUT + "}"),
        arguments(
            "unknown attributes, sub-attributes and schema URNs are ignored",
            STAFF.replace("'familyName':'Doe'", "'familyName':'Doe','nickname':'JD'")
                + ",'favouriteColour':'blue','emails.value':'x@school.example',"
                + "'urn:ietf:params:scim:schemas:extension:ADSCIM:2.0:User':{'department':'x'},"
                + "'urn:ietf:params:scim:schemas:extension:enterprise:2.0:Users':{'department':'x'},"
                + "'urn:ietf:params:scim:schemas:extension:entreprise:2.0:User:department':'x'}",
            STAFF_OUT + "}"),
        arguments(
            "password is accepted and dropped", STAFF + ",'password':'1mz050nq'}", STAFF_OUT + "}"),
        arguments(
            "read-only attributes and sub-attributes are dropped",
            STAFF
                + ",'id':'client-id','meta':{'resourceType':'User'},'groups':[{'value':'g1'}],'"
                + JsonTexts.ENTERPRISE
                + "':{'manager':{'value':'boss-id','displayName':'Boss'}}}",
            userWithExtensions(
                JsonTexts.ENTERPRISE,
                "'" + JsonTexts.ENTERPRISE + "':{'manager':{'value':'boss-id'}}")),
        arguments(
            "a single object for a multi-valued attribute is wrapped in an array",
            STAFF + ",'emails':{'value':'a@school.example','type':'work'}}",
            STAFF_OUT + ",'emails':[{'value':'a@school.example','type':'work'}]}"),
        arguments(
            "manager as a bare id",
            STAFF + ",'" + JsonTexts.ENTERPRISE + "':{'manager':'boss-id'}}",
            userWithExtensions(
                JsonTexts.ENTERPRISE,
                "'" + JsonTexts.ENTERPRISE + "':{'manager':{'value':'boss-id'}}")),
        arguments(
            "a number for a string attribute becomes its text",
            STAFF + ",'" + JsonTexts.ENTERPRISE + "':{'employeeNumber':701984}}",
            userWithExtensions(
                JsonTexts.ENTERPRISE,
                "'" + JsonTexts.ENTERPRISE + "':{'employeeNumber':'701984'}")),
        arguments(
            "schemas sent by the client are recomputed",
            "{'schemas':['"
                + JsonTexts.USER
                + "','"
                + JsonTexts.ENTERPRISE
                + "','urn:made:up'],"
                + STAFF.substring(1)
                + "}",
            STAFF_OUT + "}"),
        arguments(
            "externalId is kept; values are written in schema order",
            "{'userType':'Staff','name':{'familyName':'Doe','givenName':'Jane'},"
                + "'externalId':'701984','userName':'jane.doe@school.example'}",
            STAFF_OUT.replace("'userName'", "'externalId':'701984','userName'") + "}"),
        arguments(
            "primary false on several values is fine",
            STAFF
                + ",'emails':[{'value':'a@s.example','primary':false},"
                + "{'value':'b@s.example','primary':false}]}",
            STAFF_OUT
                + ",'emails':[{'value':'a@s.example','primary':false},"
                + "{'value':'b@s.example','primary':false}]}"));
  }

  private static String userWithExtensions(String urns, String extensionMembers) {
    return STAFF_OUT.replace("'" + JsonTexts.USER + "'", "'" + JsonTexts.USER + "','" + urns + "'")
        + ","
        + extensionMembers
        + "}";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tolerated")
  void readsWhatRealClientsSend(String behaviour, String body, String canonical) {
    assertThat(ResourceReader.read(ResourceTypes.USER, json(body))).isEqualTo(json(canonical));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tolerated")
  void readingCanonicalOutputAgainChangesNothing(String behaviour, String body, String canonical) {
    assertThat(ResourceReader.read(ResourceTypes.USER, json(canonical))).isEqualTo(json(canonical));
  }

  static Stream<Arguments> rejected() {
    String user = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    return Stream.of(
        arguments(
            "[]", ScimType.INVALID_SYNTAX, "the resource must be a JSON object, not an array"),
        arguments(
            STAFF.replace("'jane.doe@school.example'", "{'value':'x'}") + "}",
            ScimType.INVALID_SYNTAX,
            "userName must be a string, not an object"),
        arguments(
            STAFF.replace("'userType':'Staff'", "'userType':['Staff']") + "}",
            ScimType.INVALID_SYNTAX,
            "userType must be a string, not an array"),
        arguments(
            STAFF + ",'title':true}",
            ScimType.INVALID_SYNTAX,
            "title must be a string, not a boolean"),
        arguments(
            "{'userName':'a@s.example','name':'Jane Doe','userType':'Staff'}",
            ScimType.INVALID_SYNTAX,
            "name must be a JSON object, not a string"),
        arguments(
            STAFF.replace("'Jane'", "{'first':'Jane'}") + "}",
            ScimType.INVALID_SYNTAX,
            "name.givenName must be a string, not an object"),
        arguments(
            STAFF + ",'active':1}",
            ScimType.INVALID_SYNTAX,
            "active must be a boolean (true or false), not a number"),
        arguments(
            STAFF + ",'active':'yes'}", ScimType.INVALID_VALUE, "active must be true or false"),
        arguments(
            STAFF + ",'emails':['a@s.example']}",
            ScimType.INVALID_SYNTAX,
            "emails must contain JSON objects, not a string"),
        arguments(
            STAFF + ",'emails':[{'value':'a@s.example','primary':1}]}",
            ScimType.INVALID_SYNTAX,
            "emails.primary must be a boolean (true or false), not a number"),
        arguments(
            STAFF
                + ",'emails':[{'value':'a@s.example','primary':true},"
                + "{'value':'b@s.example','primary':'True'}]}",
            ScimType.INVALID_VALUE,
            "emails must not have more than one value with primary set to true"),
        arguments(
            "{'name':{'givenName':'Jane','familyName':'Doe'},'userType':'Staff','userName':''}",
            ScimType.INVALID_VALUE,
            "userName is required"),
        arguments(
            "{'userName':'a@s.example','userType':'Staff','name':{'middleName':null}}",
            ScimType.INVALID_VALUE,
            "name is required, with name.familyName and name.givenName"),
        arguments(
            STAFF.replace(",'familyName':'Doe'", "") + "}",
            ScimType.INVALID_VALUE,
            "name.familyName is required"),
        arguments(
            STAFF.replace("'Jane'", "''") + "}",
            ScimType.INVALID_VALUE,
            "name.givenName is required"),
        arguments(
            STAFF.replace(",'userType':'Staff'", "") + "}",
            ScimType.INVALID_VALUE,
            "userType is required"),
        arguments(
            STAFF + ",'USERNAME':'other@s.example'}",
            ScimType.INVALID_SYNTAX,
            "userName is given more than once (attribute names are case-insensitive)"),
        arguments(
            STAFF + ",'" + user + "':'Science'}",
            ScimType.INVALID_SYNTAX,
            user + " must be a JSON object, not a string"),
        arguments(
            STAFF + ",'" + user + "':{'manager':42}}",
            ScimType.INVALID_SYNTAX,
            user + ":manager must be a JSON object, not a number"),
        arguments(
            STAFF + ",'" + JsonTexts.CLASSLARK + ":meetingUrl':'https://meet example/a 113'}",
            ScimType.INVALID_VALUE,
            JsonTexts.CLASSLARK + ":meetingUrl must be a URI"),
        arguments(
            STAFF + ",'x509Certificates':[{'value':'not base64!'}]}",
            ScimType.INVALID_VALUE,
            "x509Certificates.value must be base64-encoded binary data"),
        arguments(
            STAFF + ",'profileUrl':['https://a.example']}",
            ScimType.INVALID_SYNTAX,
            "profileUrl must be a URI string, not an array"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("rejected")
  void rejectsInvalidUsersNamingTheAttribute(String body, ScimType scimType, String detail) {
    assertRejected(ResourceTypes.USER, body, scimType, detail);
  }

  static Stream<Arguments> groups() {
    return Stream.of(
        arguments(
            "members with extra keys, a null $ref and a read-only display",
            "{'DisplayName':'Year 7 tutors','members':[{'$ref':null,'value':'u1','name':'Jane'},"
                + "{'value':'u2','display':'Bob','Type':'User'}]}",
            "{'schemas':['"
                + JsonTexts.GROUP
                + "'],'displayName':'Year 7 tutors',"
                + "'members':[{'value':'u1'},{'value':'u2','type':'User'}]}"),
        arguments(
            "Entra's ADSCIM schema URN and meta are ignored",
            "{'schemas':['"
                + JsonTexts.GROUP
                + "','http://schemas.microsoft.com/2006/11/"
                + "ResourceManagement/ADSCIM/2.0/Group'],'externalId':'8aa1','displayName':'Staff',"
                + "'meta':{'resourceType':'Group'}}",
            "{'schemas':['" + JsonTexts.GROUP + "'],'externalId':'8aa1','displayName':'Staff'}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groups")
  void readsGroups(String behaviour, String body, String canonical) {
    assertThat(ResourceReader.read(ResourceTypes.GROUP, json(body))).isEqualTo(json(canonical));
  }

  static Stream<Arguments> rejectedGroups() {
    return Stream.of(
        arguments("{'members':[]}", ScimType.INVALID_VALUE, "displayName is required"),
        arguments(
            "{'displayName':'Staff','members':['u1']}",
            ScimType.INVALID_SYNTAX,
            "members must contain JSON objects, not a string"),
        arguments(
            "{'displayName':'Staff','members':[{'value':['u1']}]}",
            ScimType.INVALID_SYNTAX,
            "members.value must be a string, not an array"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("rejectedGroups")
  void rejectsInvalidGroups(String body, ScimType scimType, String detail) {
    assertRejected(ResourceTypes.GROUP, body, scimType, detail);
  }

  @Test
  void partialReadRequiresNothingAndHasNoSchemas() {
    assertThat(
            ResourceReader.readPartial(
                ResourceTypes.USER,
                json("{'name.givenName':'Jo','Active':'False','id':'x','title':null}")))
        .isEqualTo(json("{'name':{'givenName':'Jo'},'active':false}"));
  }

  @Test
  void readValueWrapsABareManagerId() {
    var manager =
        ResourceTypes.USER
            .resolve(new AttrPath(JsonTexts.ENTERPRISE, "Manager", null))
            .orElseThrow();
    assertThat(ResourceReader.readValue(manager, json("'boss-id'")))
        .contains(json("{'value':'boss-id'}"));
  }

  @Test
  void readValueOfAnEmptyStringIsNotSet() {
    var title = ResourceTypes.USER.resolve(AttrPath.of("title")).orElseThrow();
    assertThat(ResourceReader.readValue(title, json("''"))).isEmpty();
  }

  static void assertRejected(
      ResourceTypeDefinition type, String body, ScimType scimType, String detail) {
    assertThatThrownBy(() -> ResourceReader.read(type, json(body)))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.scimType()).contains(scimType);
              assertThat(error.detail()).isEqualTo(detail);
            });
  }
}
