package com.classlark.scim.protocol.resource;

import static com.classlark.scim.protocol.resource.JsonTexts.CLASSLARK;
import static com.classlark.scim.protocol.resource.JsonTexts.ENTERPRISE;
import static com.classlark.scim.protocol.resource.JsonTexts.USER;
import static com.classlark.scim.protocol.resource.JsonTexts.json;
import static com.classlark.scim.protocol.resource.JsonTexts.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.ResourceTypes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionTest {

  private static final String SCHEMAS =
      "'schemas':['" + USER + "','" + ENTERPRISE + "','" + CLASSLARK + "']";

  /** A stored staff member; it holds a password only to show that returned:never wins. */
  private static final String STORED =
      "{"
          + SCHEMAS
          + ",'id':'u1','externalId':'e1','userName':'jane@s.example',"
          + "'name':{'familyName':'Doe','givenName':'Jane'},'userType':'Staff','active':true,"
          + "'password':'never-shown','emails':[{'value':'jane@s.example','type':'work','primary':true},"
          + "{'value':'jd@home.example','type':'home'}],'"
          + ENTERPRISE
          + "':{'department':'Science','manager':{'value':'m1','displayName':'Boss'}},'"
          + CLASSLARK
          + "':{'room':'A113'},"
          + "'meta':{'resourceType':'User','location':'https://scim.example/Users/u1'}}";

  private static final String DEFAULT = STORED.replace("'password':'never-shown',", "");

  static Stream<Arguments> projections() {
    return Stream.of(
        arguments(null, null, DEFAULT),
        arguments("", " ", DEFAULT),
        arguments("userName", null, "{" + SCHEMAS + ",'id':'u1','userName':'jane@s.example'}"),
        arguments(
            "USERNAME, name.GivenName",
            null,
            "{" + SCHEMAS + ",'id':'u1','userName':'jane@s.example','name':{'givenName':'Jane'}}"),
        arguments(
            USER + ":userName", null, "{" + SCHEMAS + ",'id':'u1','userName':'jane@s.example'}"),
        arguments(
            "emails.value",
            null,
            "{"
                + SCHEMAS
                + ",'id':'u1','emails':[{'value':'jane@s.example'},"
                + "{'value':'jd@home.example'}]}"),
        arguments(
            ENTERPRISE + ":manager.value",
            null,
            "{" + SCHEMAS + ",'id':'u1','" + ENTERPRISE + "':{'manager':{'value':'m1'}}}"),
        arguments(
            ENTERPRISE.toLowerCase(),
            null,
            "{"
                + SCHEMAS
                + ",'id':'u1','"
                + ENTERPRISE
                + "':{'department':'Science',"
                + "'manager':{'value':'m1','displayName':'Boss'}}}"),
        arguments("password,id", null, "{" + SCHEMAS + ",'id':'u1'}"),
        arguments(
            "favouriteColour,,name.nickname,userName",
            null,
            "{" + SCHEMAS + ",'id':'u1','userName':'jane@s.example'}"),
        arguments(
            "meta.location",
            null,
            "{" + SCHEMAS + ",'id':'u1','meta':{'location':'https://scim.example/Users/u1'}}"),
        arguments(
            null,
            "emails, name.givenName, id, password",
            DEFAULT
                .replace(
                    ",'emails':[{'value':'jane@s.example','type':'work','primary':true},"
                        + "{'value':'jd@home.example','type':'home'}]",
                    "")
                .replace(",'givenName':'Jane'", "")),
        arguments(
            null,
            ENTERPRISE + "," + CLASSLARK + ":room,meta",
            DEFAULT
                .replace(
                    ",'"
                        + ENTERPRISE
                        + "':{'department':'Science','manager':{'value':'m1',"
                        + "'displayName':'Boss'}}",
                    "")
                .replace(",'" + CLASSLARK + "':{'room':'A113'}", "")
                .replace(
                    ",'meta':{'resourceType':'User','location':'https://scim.example/Users/u1'}",
                    "")),
        arguments(
            null,
            "name.givenName,Name.FamilyName," + ENTERPRISE + ":manager.displayName",
            DEFAULT
                .replace(",'name':{'familyName':'Doe','givenName':'Jane'}", "")
                .replace(",'displayName':'Boss'", "")));
  }

  @ParameterizedTest(name = "attributes={0} excludedAttributes={1}")
  @MethodSource("projections")
  void projectsTheRequestedAttributes(String attributes, String excluded, String expected) {
    var projection = Projection.of(ResourceTypes.USER, attributes, excluded);
    assertThat(projection.apply(object(STORED))).isEqualTo(json(expected));
  }

  @Test
  void applyLeavesTheResourceUnchanged() {
    var stored = object(STORED);
    Projection.of(ResourceTypes.USER, "userName", null).apply(stored);
    assertThat(stored).isEqualTo(json(STORED));
  }

  @Test
  void attributesAndExcludedAttributesTogetherAreRejected() {
    assertThatThrownBy(() -> Projection.of(ResourceTypes.USER, "userName", "emails"))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.scimType()).contains(ScimType.INVALID_VALUE);
              assertThat(error.detail())
                  .isEqualTo(
                      "attributes and excludedAttributes cannot be used together; give one of"
                          + " them");
            });
  }

  static Stream<Arguments> inclusions() {
    return Stream.of(
        arguments("Group", null, null, "members", true),
        arguments("Group", null, "members", "members", false),
        arguments("Group", null, "Members", "MEMBERS.value", false),
        arguments("Group", null, "members.display", "members", true),
        arguments("Group", null, "members.display", "members.display", false),
        arguments("Group", "displayName", null, "members", false),
        arguments("Group", "displayName", null, "id", true),
        arguments("Group", "members.value", null, "members", true),
        arguments("Group", "members.value", null, "members.display", false),
        arguments("User", null, null, "password", false),
        arguments("User", null, null, "nonsense", false),
        arguments("User", null, "groups", "groups.value", false),
        arguments("User", null, ENTERPRISE, ENTERPRISE + ":manager", false),
        arguments("User", ENTERPRISE, null, ENTERPRISE + ":manager.displayName", true),
        arguments("User", "userName", null, "meta", false));
  }

  @ParameterizedTest(name = "{0} attributes={1} excludedAttributes={2}: includes({3})")
  @MethodSource("inclusions")
  void tellsCallersWhatTheResponseWillContain(
      String type, String attributes, String excluded, String path, boolean included) {
    var resourceType = ResourceTypes.byName(type).orElseThrow();
    assertThat(Projection.of(resourceType, attributes, excluded).includes(path))
        .isEqualTo(included);
  }

  @Test
  void theDefaultProjectionIsTheOneWithoutParameters() {
    assertThat(Projection.all(ResourceTypes.GROUP))
        .isEqualTo(Projection.of(ResourceTypes.GROUP, null, null))
        .isEqualTo(new Projection.Default(ResourceTypes.GROUP));
  }
}
