package com.classlark.scim.protocol.resource;

import static com.classlark.scim.protocol.resource.JsonTexts.ENTERPRISE;
import static com.classlark.scim.protocol.resource.JsonTexts.GROUP;
import static com.classlark.scim.protocol.resource.JsonTexts.USER;
import static com.classlark.scim.protocol.resource.JsonTexts.json;
import static com.classlark.scim.protocol.resource.JsonTexts.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.Attributes;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceReplacementTest {

  private static final String EXISTING_USER =
      "{'schemas':['"
          + USER
          + "','"
          + ENTERPRISE
          + "'],'id':'u1','externalId':'e1',"
          + "'userName':'jane@s.example','name':{'familyName':'Doe','givenName':'Jane'},"
          + "'userType':'Staff','title':'Teacher','groups':[{'value':'g1','display':'Tutors'}],'"
          + ENTERPRISE
          + "':{'department':'Science','manager':{'value':'m1','displayName':'Boss'}},"
          + "'meta':{'resourceType':'User'}}";

  static Stream<Arguments> userReplacements() {
    return Stream.of(
        arguments(
            "read-only id, meta, groups and an unchanged manager's displayName are kept; absent"
                + " read-write attributes are cleared",
            "{'schemas':['"
                + USER
                + "','"
                + ENTERPRISE
                + "'],'userName':'jane@s.example',"
                + "'name':{'familyName':'Doe','givenName':'Jane'},'userType':'Event Manager','"
                + ENTERPRISE
                + "':{'manager':{'value':'m1'}}}",
            "{'schemas':['"
                + USER
                + "','"
                + ENTERPRISE
                + "'],'id':'u1',"
                + "'userName':'jane@s.example','name':{'familyName':'Doe','givenName':'Jane'},"
                + "'userType':'Event Manager','groups':[{'value':'g1','display':'Tutors'}],'"
                + ENTERPRISE
                + "':{'manager':{'value':'m1','displayName':'Boss'}},"
                + "'meta':{'resourceType':'User'}}"),
        arguments(
            "a new manager loses the old manager's displayName",
            "{'schemas':['"
                + USER
                + "','"
                + ENTERPRISE
                + "'],'userName':'jane@s.example',"
                + "'name':{'familyName':'Doe','givenName':'Jane'},'userType':'Staff','"
                + ENTERPRISE
                + "':{'manager':{'value':'m2'}}}",
            "{'schemas':['"
                + USER
                + "','"
                + ENTERPRISE
                + "'],'id':'u1',"
                + "'userName':'jane@s.example','name':{'familyName':'Doe','givenName':'Jane'},"
                + "'userType':'Staff','groups':[{'value':'g1','display':'Tutors'}],'"
                + ENTERPRISE
                + "':{'manager':{'value':'m2'}},'meta':{'resourceType':'User'}}"),
        arguments(
            "client values for read-only and write-only attributes are ignored",
            "{'schemas':['"
                + USER
                + "'],'id':'forged','meta':{'resourceType':'Group'},"
                + "'groups':[{'value':'g9'}],'password':'secret','userName':'jane@s.example',"
                + "'name':{'familyName':'Doe','givenName':'Jane'},'userType':'Staff'}",
            "{'schemas':['"
                + USER
                + "'],'id':'u1','userName':'jane@s.example',"
                + "'name':{'familyName':'Doe','givenName':'Jane'},'userType':'Staff',"
                + "'groups':[{'value':'g1','display':'Tutors'}],'meta':{'resourceType':'User'}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userReplacements")
  void replacesUsersFollowingMutability(String behaviour, String incoming, String expected) {
    assertThat(
            ResourceReplacement.replace(
                ResourceTypes.USER, object(EXISTING_USER), object(incoming)))
        .isEqualTo(json(expected));
  }

  @Test
  void unchangedMembersKeepTheirDisplayNewOnesHaveNone() {
    var existing =
        object(
            "{'schemas':['"
                + GROUP
                + "'],'id':'g1','displayName':'Tutors','members':["
                + "{'value':'u1','display':'Jane Doe'},{'value':'u2','display':'Bob Roe'}]}");
    var incoming =
        object(
            "{'schemas':['"
                + GROUP
                + "'],'displayName':'Tutors','members':[{'value':'u2'},"
                + "{'value':'u3'}]}");
    assertThat(ResourceReplacement.replace(ResourceTypes.GROUP, existing, incoming))
        .isEqualTo(
            json(
                "{'schemas':['"
                    + GROUP
                    + "'],'id':'g1','displayName':'Tutors','members':["
                    + "{'value':'u2','display':'Bob Roe'},{'value':'u3'}]}"));
  }

  @Test
  void argumentsAreNotChanged() {
    var existing = object(EXISTING_USER);
    var incoming = object("{'schemas':['" + USER + "'],'userName':'x@s.example'}");
    ResourceReplacement.replace(ResourceTypes.USER, existing, incoming);
    assertThat(existing).isEqualTo(json(EXISTING_USER));
    assertThat(incoming).isEqualTo(json("{'schemas':['" + USER + "'],'userName':'x@s.example'}"));
  }

  /** A test type with immutable attributes: ClassLark's schemas have none at the top level. */
  static final String BADGE_URN = "urn:classlark:test:2.0:Badge";

  static final ResourceTypeDefinition BADGES =
      new ResourceTypeDefinition(
          "Badge",
          "/Badges",
          "Badges",
          new SchemaDefinition(
              BADGE_URN,
              "Badge",
              "Badge",
              List.of(
                  Attributes.string("code").description("Badge code.").immutable().build(),
                  Attributes.string("serial")
                      .description("Serial.")
                      .caseExact(true)
                      .immutable()
                      .build(),
                  Attributes.complex(
                          "issuer",
                          Attributes.string("value").description("Issuer id.").immutable().build(),
                          Attributes.string("note").description("Note.").build())
                      .description("Issuer.")
                      .build())),
          List.of());

  static Stream<Arguments> immutableReplacements() {
    return Stream.of(
        arguments("{'code':'A1'}", "{'code':'A1'}", "{'code':'A1'}"),
        arguments("{'code':'A1'}", "{'code':'a1'}", "{'code':'a1'}"),
        arguments("{'code':'A1'}", "{}", "{'code':'A1'}"),
        arguments("{}", "{'code':'B2'}", "{'code':'B2'}"),
        arguments(
            "{'issuer':{'value':'i1','note':'old'}}",
            "{'issuer':{'note':'new'}}",
            "{'issuer':{'value':'i1','note':'new'}}"));
  }

  @ParameterizedTest(name = "{0} replaced by {1}")
  @MethodSource("immutableReplacements")
  void immutableValuesMayBeRepeatedOrLeftOut(String existing, String incoming, String expected) {
    var result = ResourceReplacement.replace(BADGES, object(existing), object(incoming));
    var expectedNode = object(expected);
    expectedNode.set("schemas", json("['" + BADGE_URN + "']"));
    assertThat(result).isEqualTo(expectedNode);
  }

  static Stream<Arguments> immutableChanges() {
    return Stream.of(
        arguments("{'code':'A1'}", "{'code':'B2'}", "code"),
        arguments("{'serial':'X'}", "{'serial':'x'}", "serial"),
        arguments("{'issuer':{'value':'i1'}}", "{'issuer':{'value':'i2'}}", "issuer.value"));
  }

  @ParameterizedTest(name = "{0} replaced by {1}")
  @MethodSource("immutableChanges")
  void changingAnImmutableValueIsAMutabilityError(String existing, String incoming, String path) {
    assertThatThrownBy(
            () -> ResourceReplacement.replace(BADGES, object(existing), object(incoming)))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.MUTABILITY);
              assertThat(error.detail())
                  .isEqualTo(
                      path
                          + " is immutable: once set it cannot be changed, so give the existing"
                          + " value or leave it out");
            });
  }

  @Test
  void withoutReadOnlyKeepsOnlyWhatAClientMayWrite() {
    assertThat(ResourceReplacement.withoutReadOnly(ResourceTypes.USER, object(EXISTING_USER)))
        .isEqualTo(
            json(
                "{'schemas':['"
                    + USER
                    + "','"
                    + ENTERPRISE
                    + "'],'externalId':'e1',"
                    + "'userName':'jane@s.example','name':{'familyName':'Doe','givenName':'Jane'},"
                    + "'userType':'Staff','title':'Teacher','"
                    + ENTERPRISE
                    + "':{"
                    + "'department':'Science','manager':{'value':'m1'}}}"));
  }

  @Test
  void withoutReadOnlyDropsMembersDisplayAndEmptiedExtensions() {
    var group =
        object(
            "{'schemas':['"
                + GROUP
                + "'],'id':'g1','displayName':'Tutors',"
                + "'members':[{'value':'u1','display':'Jane'}],'meta':{'resourceType':'Group'}}");
    assertThat(ResourceReplacement.withoutReadOnly(ResourceTypes.GROUP, group))
        .isEqualTo(
            json(
                "{'schemas':['" + GROUP + "'],'displayName':'Tutors','members':[{'value':'u1'}]}"));
    var managerOnlyName =
        object(
            "{'schemas':['"
                + USER
                + "','"
                + ENTERPRISE
                + "'],'userName':'a@s.example','"
                + ENTERPRISE
                + "':{'manager':{'displayName':'Boss'}}}");
    assertThat(ResourceReplacement.withoutReadOnly(ResourceTypes.USER, managerOnlyName))
        .isEqualTo(json("{'schemas':['" + USER + "'],'userName':'a@s.example'}"));
  }
}
