package com.classlark.scim.users;

import static com.classlark.scim.testing.Bodies.uniqueEmail;
import static com.classlark.scim.users.UserPatches.CORE;
import static com.classlark.scim.users.UserPatches.ENTERPRISE;
import static com.classlark.scim.users.UserPatches.assertPatched;
import static com.classlark.scim.users.UserPatches.create;
import static com.classlark.scim.users.UserPatches.enterpriseUser;
import static com.classlark.scim.users.UserPatches.fill;
import static com.classlark.scim.users.UserPatches.patch;
import static com.classlark.scim.users.UserPatches.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.testing.Bodies;
import com.classlark.scim.testing.HttpResult;
import com.classlark.scim.testing.ServerPerEngine;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PATCH /Users requests exactly as Microsoft Entra ID and Okta send them, through real HTTP on both
 * databases, each with the whole resource it must produce. The requests are those of the PATCH
 * engine's unit tests ({@code PatchEntraRequestsTest}, {@code PatchGeneralRequestsTest}), which
 * cite the vendor documents: [entra-dev] "Develop and plan provisioning for a SCIM endpoint",
 * [entra-flag] "Known issues and resolutions with SCIM 2.0 protocol compliance" (aadOptscim062020),
 * [entra-qa] Microsoft Q&A 1684621, [okta] developer.okta.com/docs/reference/scim/scim-20/. Ids are
 * the ids of real users of the school instead of the documents' sample ids.
 */
class UsersPatchClientShapesTest extends ServerPerEngine {
  static String bossId;
  static String otherBossId;

  @BeforeParameterizedClassInvocation
  static void prepare() {
    bossId = create(client, Bodies.staff(uniqueEmail("boss"))).path("id").asText();
    otherBossId = create(client, Bodies.staff(uniqueEmail("boss2"))).path("id").asText();
  }

  private static final String E = ENTERPRISE;
  private static final String MESSAGE =
      "{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':[";
  private static final String WORK_EMAIL = "{'value':'{user}','type':'work','primary':true}";
  private static final String MANAGER = "'manager':{'value':'{boss}','$ref':'{base}/Users/{boss}'}";

  /** A staff member with a work email, an employee number and a manager, as an IdP creates one. */
  private static final String STAFF =
      enterpriseUser(
          "'externalId':'jd-1','emails':["
              + WORK_EMAIL
              + "],'"
              + E
              + "':{'employeeNumber':'701',"
              + MANAGER
              + "}");

  private static final String INACTIVE = STAFF.replace("'active':true", "'active':false");
  private static final String WITHOUT_MANAGER = STAFF.replace("," + MANAGER, "");

  static Stream<Arguments> entraRequests() {
    return Stream.of(
        // [entra-flag] "Requests made to disable users", without and with the feature flag.
        arguments(
            "Entra disables with Replace and the string False",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'active','value':'False'}]}",
            INACTIVE),
        arguments(
            "Entra disables with replace and a boolean (flag on)",
            STAFF,
            MESSAGE + "{'op':'replace','path':'active','value':false}]}",
            INACTIVE),
        // [entra-dev] "Disable User": Operations before schemas.
        arguments(
            "Entra disable user example",
            STAFF,
            "{'Operations':[{'op':'Replace','path':'active','value':false}],"
                + "'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp']}",
            INACTIVE),
        arguments(
            "Entra reactivates with the string True",
            INACTIVE,
            MESSAGE + "{'op':'Replace','path':'active','value':'True'}]}",
            STAFF),
        // [entra-flag] "Requests to add a single-value string attribute".
        arguments(
            "Entra adds a single-value string with Add",
            STAFF,
            MESSAGE + "{'op':'Add','path':'nickName','value':'Babs'}]}",
            STAFF.replace("'active':true", "'active':true,'nickName':'Babs'")),
        // [entra-flag] "Requests to replace multiple attributes", without the flag.
        arguments(
            "Entra replaces several attributes, one operation each",
            STAFF,
            MESSAGE
                + "{'op':'Replace','path':'displayName','value':'Pvlo'},"
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'TestBcwqnm@test.microsoft.com'},"
                + "{'op':'Replace','path':'name.givenName','value':'Gtfd'},"
                + "{'op':'Replace','path':'name.familyName','value':'Pkqf'},"
                + "{'op':'Replace','path':'externalId','value':'Eqpj'},"
                + "{'op':'Replace','path':'urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:employeeNumber','value':'Eqpj'}]}",
            STAFF
                .replace("'externalId':'jd-1'", "'externalId':'Eqpj'")
                .replace(
                    "'familyName':'Doe','givenName':'Jane'",
                    "'familyName':'Pkqf','givenName':'Gtfd'")
                .replace("'active':true", "'active':true,'displayName':'Pvlo'")
                .replace("{'value':'{user}'", "{'value':'TestBcwqnm@test.microsoft.com'")
                .replace("'employeeNumber':'701'", "'employeeNumber':'Eqpj'")),
        // [entra-flag] the same with the flag: one pathless replace with dotted and URN keys.
        arguments(
            "Entra replaces several attributes with one pathless replace (flag on)",
            STAFF,
            MESSAGE
                + "{'op':'replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'TestMhvaes@test.microsoft.com'},"
                + "{'op':'replace','value':{'displayName':'Bjfe','name.givenName':'Kkom',"
                + "'name.familyName':'Unua','urn:ietf:params:scim:schemas:extension:enterprise:2.0:"
                + "User:employeeNumber':'Aklq'}}]}",
            STAFF
                .replace(
                    "'familyName':'Doe','givenName':'Jane'",
                    "'familyName':'Unua','givenName':'Kkom'")
                .replace("'active':true", "'active':true,'displayName':'Bjfe'")
                .replace("{'value':'{user}'", "{'value':'TestMhvaes@test.microsoft.com'")
                .replace("'employeeNumber':'701'", "'employeeNumber':'Aklq'")),
        // [entra-dev] "Update User [Multi-valued properties]".
        arguments(
            "Entra updates the work email and the family name",
            STAFF,
            MESSAGE
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value',"
                + "'value':'updatedEmail@microsoft.com'},"
                + "{'op':'Replace','path':'name.familyName','value':'updatedFamilyName'}]}",
            STAFF
                .replace("'familyName':'Doe'", "'familyName':'updatedFamilyName'")
                .replace("{'value':'{user}'", "{'value':'updatedEmail@microsoft.com'")),
        // [entra-dev] "Update User [Single-valued properties]", with a fresh address for this
        // school.
        arguments(
            "Entra replaces the userName",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'userName','value':'{other}'}]}",
            STAFF.replace("'userName':'{user}'", "'userName':'{other}'")),
        // [entra-dev] emails[type eq "work"] is a mapped target: Replace creates it when missing.
        arguments(
            "Entra Replace creates the work email when there is none of that type",
            user("'emails':[{'value':'jane@home.example','type':'home'}]"),
            MESSAGE
                + "{'op':'Replace','path':'emails[type eq \\'work\\'].value','value':'{user}'}]}",
            user(
                "'emails':[{'value':'jane@home.example','type':'home'},"
                    + "{'value':'{user}','type':'work'}]")),
        // [entra-qa] Entra sends Add for the same path.
        arguments(
            "Entra Add on emails[type eq work].value creates the work email",
            user(""),
            MESSAGE
                + "{'op':'Replace','path':'title','value':'tester'},"
                + "{'op':'Add','path':'emails[type eq \\'work\\'].value','value':'joe@joe.com'}]}",
            user("'title':'tester','emails':[{'value':'joe@joe.com','type':'work'}]")),
        arguments(
            "Entra creates a work phone number and a work address",
            user(""),
            MESSAGE
                + "{'op':'Add','path':'phoneNumbers[type eq \\'work\\'].value','value':'+44 20 7946 0000'},"
                + "{'op':'Add','path':'addresses[type eq \\'work\\'].streetAddress','value':'1 School Lane'},"
                + "{'op':'Add','path':'addresses[type eq \\'work\\'].postalCode','value':'AB1 2CD'}]}",
            user(
                "'phoneNumbers':[{'value':'+44 20 7946 0000','type':'work'}],"
                    + "'addresses':[{'streetAddress':'1 School Lane','postalCode':'AB1 2CD','type':'work'}]")),
        arguments(
            "Entra creates a primary work email and the old primary stops being primary",
            user("'emails':[{'value':'jane@home.example','type':'home','primary':true}]"),
            MESSAGE
                + "{'op':'Add','path':'emails[type eq \\'work\\' and primary eq true].value',"
                + "'value':'{user}'}]}",
            user(
                "'emails':[{'value':'jane@home.example','type':'home','primary':false},"
                    + "{'value':'{user}','type':'work','primary':true}]")),
        arguments(
            "Entra clears the work email with an empty string",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'emails[type eq \\'work\\'].value','value':''}]}",
            STAFF.replace(",'emails':[" + WORK_EMAIL + "]", "")),
        arguments(
            "Entra clears a title with an empty string",
            user("'title':'Head of Science'"),
            MESSAGE + "{'op':'Replace','path':'title','value':''}]}",
            user("")),
        arguments(
            "a title is cleared with null",
            user("'title':'Head of Science'"),
            MESSAGE + "{'op':'replace','path':'title','value':null}]}",
            user("")),
        arguments(
            "Entra sets the manager by a bare id",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'" + E + ":manager','value':'{boss2}'}]}",
            STAFF.replace(MANAGER, "'manager':{'value':'{boss2}'}")),
        arguments(
            "Entra sets the manager as an object",
            STAFF,
            MESSAGE + "{'op':'Add','path':'" + E + ":manager','value':{'value':'{boss2}'}}]}",
            STAFF.replace(MANAGER, "'manager':{'value':'{boss2}'}")),
        arguments(
            "Entra sets the manager as an array of one reference",
            user(""),
            MESSAGE
                + "{'op':'Add','path':'"
                + E
                + ":manager','value':[{'$ref':'{base}/Users/{boss2}','value':'{boss2}'}]}]}",
            enterpriseUser(
                "'" + E + "':{'manager':{'value':'{boss2}','$ref':'{base}/Users/{boss2}'}}")),
        arguments(
            "Entra removes the manager with an empty string",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'" + E + ":manager','value':''}]}",
            WITHOUT_MANAGER),
        arguments(
            "Entra removes the manager with an empty value object",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'" + E + ":manager','value':{'value':''}}]}",
            WITHOUT_MANAGER),
        arguments(
            "Entra removes the manager with null",
            STAFF,
            MESSAGE + "{'op':'Replace','path':'" + E + ":manager','value':null}]}",
            WITHOUT_MANAGER),
        arguments(
            "Entra removes the manager with Remove",
            STAFF,
            MESSAGE + "{'op':'Remove','path':'" + E + ":manager'}]}",
            WITHOUT_MANAGER),
        arguments(
            "the extension goes from schemas once its last attribute is removed",
            enterpriseUser("'" + E + "':{" + MANAGER + "}"),
            MESSAGE + "{'op':'Remove','path':'" + E + ":manager'}]}",
            user("")),
        arguments(
            "a pathless replace mixes normal, dotted and URN keys and clears empty ones",
            enterpriseUser("'title':'Teacher','" + E + "':{'department':'Science'}"),
            MESSAGE
                + "{'op':'Replace','value':{'displayName':'Bjfe','name.givenName':'Kkom',"
                + "'name.middleName':'Q','"
                + E
                + ":employeeNumber':'Aklq','active':'True','title':'','"
                + E
                + "':{'department':null}}}]}",
            enterpriseUser("'displayName':'Bjfe','" + E + "':{'employeeNumber':'Aklq'}")
                .replace("'givenName':'Jane'", "'givenName':'Kkom','middleName':'Q'")));
  }

  static Stream<Arguments> oktaRequests() {
    return Stream.of(
        // [okta] "Update a specific User (PATCH)": deactivation, and reactivation the same way.
        arguments(
            "Okta deactivates with a pathless replace",
            STAFF,
            MESSAGE + "{'op':'replace','value':{'active':false}}]}",
            INACTIVE),
        arguments(
            "Okta reactivates with a pathless replace",
            INACTIVE,
            MESSAGE + "{'op':'replace','value':{'active':true}}]}",
            STAFF),
        arguments(
            "Okta's pathless replace may repeat the id, schemas and meta",
            STAFF,
            MESSAGE
                + "{'op':'replace','value':{'schemas':['"
                + CORE
                + "'],'id':'{id}','meta':{'resourceType':'User'},'userName':'{other}','active':false}}]}",
            INACTIVE.replace("'userName':'{user}'", "'userName':'{other}'")));
  }

  static Stream<Arguments> orderedRequests() {
    return Stream.of(
        arguments(
            "several operations on the same attribute apply in order",
            STAFF,
            MESSAGE
                + "{'op':'add','path':'emails','value':[{'value':'jane@home.example','type':'home'}]},"
                + "{'op':'replace','path':'emails[type eq \\'home\\'].value','value':'jane@new-home.example'},"
                + "{'op':'remove','path':'emails[type eq \\'work\\']'},"
                + "{'op':'replace','path':'emails[type eq \\'home\\'].primary','value':true}]}",
            STAFF.replace(
                "'emails':[" + WORK_EMAIL + "]",
                "'emails':[{'value':'jane@new-home.example','type':'home','primary':true}]")),
        arguments(
            "the last of several replaces wins and a later remove undoes an earlier add",
            user(""),
            MESSAGE
                + "{'op':'replace','path':'title','value':'Teacher'},"
                + "{'op':'add','path':'nickName','value':'JD'},"
                + "{'op':'replace','path':'title','value':'Head of Year'},"
                + "{'op':'remove','path':'nickName'}]}",
            user("'title':'Head of Year'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"entraRequests", "oktaRequests", "orderedRequests"})
  void requestGivesTheExpectedResource(String name, String before, String request, String after) {
    Map<String, String> values = placeholders();
    JsonNode created = create(client, fill(before, values));
    assertThat(Bodies.withoutMeta(created)).isEqualTo(Bodies.parse(fill(before, values)));
    values.put("id", created.path("id").asText());

    HttpResult patched = client.patch("/Users/" + values.get("id"), fill(request, values));

    assertPatched(client, created, patched, fill(after, values), 2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/scim+json; charset=UTF-8"
      })
  void patchIsAcceptedWithAnyJsonContentType(String contentType) {
    Map<String, String> values = placeholders();
    JsonNode created = create(client, fill(STAFF, values));

    HttpResult patched =
        client
            .withHeader("Content-Type", contentType)
            .patch(
                "/Users/" + created.path("id").asText(),
                patch("{'op':'replace','value':{'active':false}}"));

    assertPatched(client, created, patched, fill(INACTIVE, values), 2);
  }

  private static Map<String, String> placeholders() {
    Map<String, String> values = new HashMap<>();
    values.put("user", uniqueEmail("jane.doe"));
    values.put("other", uniqueEmail("jane.d"));
    values.put("boss", bossId);
    values.put("boss2", otherBossId);
    values.put("base", server.baseUrl());
    return values;
  }
}
