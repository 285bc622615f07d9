package com.classlark.scim.protocol.patch;

import static com.classlark.scim.protocol.patch.PatchTexts.ENTERPRISE;
import static com.classlark.scim.protocol.patch.PatchTexts.STAFF;
import static com.classlark.scim.protocol.patch.PatchTexts.USER_ID;
import static com.classlark.scim.protocol.patch.PatchTexts.object;
import static com.classlark.scim.protocol.patch.PatchTexts.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.Attributes;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.classlark.scim.protocol.schema.SchemaDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PATCH operations that must fail, with status, scimType and exact detail; and atomicity. */
class PatchEngineErrorsTest {

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments(
            "{'op':'remove'}",
            ScimType.NO_TARGET,
            "remove needs a path naming the attribute or values to remove"),
        arguments(
            "{'op':'replace','path':'favouriteColour','value':'blue'}",
            ScimType.INVALID_PATH,
            "'favouriteColour' is not an attribute of a User"),
        arguments(
            "{'op':'replace','path':'name.nickName','value':'JD'}",
            ScimType.INVALID_PATH,
            "'nickName' is not a sub-attribute of 'name'"),
        arguments(
            "{'op':'replace','path':'userName[value eq \\'x\\']','value':'y'}",
            ScimType.INVALID_FILTER,
            "a value filter '[...]' needs a complex attribute but 'userName' is a string"
                + " attribute"),
        arguments(
            "{'op':'remove','path':'emails[type eq \\'home\\']'}",
            ScimType.NO_TARGET,
            "no value of emails matches the filter [type eq \"home\"] of the path"
                + " emails[type eq \"home\"]"),
        arguments(
            "{'op':'replace','path':'emails[value co \\'home\\'].value','value':'h@home.example'}",
            ScimType.NO_TARGET,
            "no value of emails matches the filter [value co \"home\"] of the path"
                + " emails[value co \"home\"].value"),
        arguments(
            "{'op':'replace','path':'phoneNumbers.value','value':'+44 1'}",
            ScimType.NO_TARGET,
            "phoneNumbers has no values, so phoneNumbers.value selects nothing to change"),
        arguments(
            "{'op':'replace','path':'id','value':'other'}",
            ScimType.MUTABILITY,
            "id is read-only: the service provider sets it and a client cannot change it"),
        arguments(
            "{'op':'remove','path':'meta.lastModified'}",
            ScimType.MUTABILITY,
            "meta.lastModified is read-only: the service provider sets it and a client cannot"
                + " change it"),
        arguments(
            "{'op':'add','path':'groups','value':[{'value':'g1'}]}",
            ScimType.MUTABILITY,
            "groups is read-only: the service provider sets it and a client cannot change it"),
        arguments(
            "{'op':'replace','path':'" + ENTERPRISE + ":manager.displayName','value':'Boss'}",
            ScimType.MUTABILITY,
            ENTERPRISE
                + ":manager.displayName is read-only: the service provider sets it and a client"
                + " cannot change it"),
        arguments(
            "{'op':'replace','value':{'id':'someone-else','active':false}}",
            ScimType.MUTABILITY,
            "id is read-only and cannot change: this resource's id is '"
                + USER_ID
                + "', not \"someone-else\""),
        arguments(
            "{'op':'remove','path':'userName'}",
            ScimType.MUTABILITY,
            "userName is required and cannot be removed"),
        arguments(
            "{'op':'Replace','path':'name.givenName','value':''}",
            ScimType.MUTABILITY,
            "name.givenName is required and cannot be removed"),
        arguments(
            "{'op':'replace','path':'active','value':'maybe'}",
            ScimType.INVALID_VALUE,
            "active must be true or false"),
        arguments(
            "{'op':'replace','path':'active','value':[true,false]}",
            ScimType.INVALID_VALUE,
            "active takes a single value, not an array of 2 values"),
        arguments(
            "{'op':'replace','path':'emails','value':'x@school.example'}",
            ScimType.INVALID_VALUE,
            "emails must contain JSON objects, not a string"),
        arguments(
            "{'op':'replace','path':'name','value':true}",
            ScimType.INVALID_VALUE,
            "name must be a JSON object, not a boolean"),
        arguments(
            "{'op':'replace','value':{'nickName':['a','b']}}",
            ScimType.INVALID_VALUE,
            "nickName must be a string, not an array"),
        arguments(
            "{'op':'add','path':'nickName'}",
            ScimType.INVALID_VALUE,
            "add of nickName needs a value; use remove to delete it"),
        arguments(
            "{'op':'add','value':[{'nickName':'JD'}]}",
            ScimType.INVALID_VALUE,
            "the value of add without a path must be a JSON object of attributes, not an array"),
        arguments(
            "{'op':'add','path':'emails','value':{'value':'h@home.example','type':'home'}},{'op':'replace','path':'emails[type"
                + " eq \\'work\\' or type eq \\'home\\'].primary','value':true}",
            ScimType.INVALID_VALUE,
            "emails must not have more than one value with primary set to true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void operationIsRefused(String operations, ScimType scimType, String detail) {
    ObjectNode document = object(STAFF);
    List<PatchOperation> parsed = PatchRequest.parse(object(patch(operations)));
    assertThatThrownBy(() -> PatchEngine.apply(ResourceTypes.USER, document, USER_ID, parsed))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> {
              assertThat(error.status()).isEqualTo(400);
              assertThat(error.scimType()).contains(scimType);
              assertThat(error.detail()).isEqualTo(detail);
            });
    assertThat(document).isEqualTo(object(STAFF));
  }

  @Test
  void failingSecondOperationLeavesTheDocumentUnchanged() {
    ObjectNode document = object(STAFF);
    List<PatchOperation> operations =
        PatchRequest.parse(
            object(
                patch(
                    "{'op':'replace','path':'active','value':false}",
                    "{'op':'add','path':'nickName','value':'JD'}",
                    "{'op':'remove','path':'emails[type eq \\'home\\']'}")));
    assertThatThrownBy(() -> PatchEngine.apply(ResourceTypes.USER, document, USER_ID, operations))
        .isInstanceOfSatisfying(
            ScimException.class,
            error -> assertThat(error.scimType()).contains(ScimType.NO_TARGET));
    assertThat(document).isEqualTo(object(STAFF));
  }

  /** A type with an immutable attribute: RFC 7644 §3.5.2 lets a client set it once. */
  private static final ResourceTypeDefinition BADGES =
      new ResourceTypeDefinition(
          "Badge",
          "/Badges",
          "test type",
          new SchemaDefinition(
              "urn:example:Badge",
              "Badge",
              "test schema",
              List.of(
                  Attributes.string("badgeNumber")
                      .description("The badge number.")
                      .immutable()
                      .build(),
                  Attributes.string("colour").description("The colour.").build())),
          List.of());

  @Test
  void immutableAttributeCanBeSetOnceButNotChanged() {
    ObjectNode empty = object("{'schemas':['urn:example:Badge'],'colour':'red'}");
    ObjectNode set =
        PatchEngine.apply(
            BADGES,
            empty,
            "b1",
            PatchRequest.parse(object(patch("{'op':'add','path':'badgeNumber','value':'42'}"))));
    assertThat(set)
        .isEqualTo(object("{'schemas':['urn:example:Badge'],'colour':'red','badgeNumber':'42'}"));
    assertThat(
            PatchEngine.apply(
                BADGES,
                set,
                "b1",
                PatchRequest.parse(
                    object(patch("{'op':'replace','path':'badgeNumber','value':'42'}")))))
        .isEqualTo(set);
    for (String change :
        List.of(
            "{'op':'replace','path':'badgeNumber','value':'43'}",
            "{'op':'remove','path':'badgeNumber'}",
            "{'op':'replace','value':{'badgeNumber':'43'}}")) {
      List<PatchOperation> operations = PatchRequest.parse(object(patch(change)));
      assertThatThrownBy(() -> PatchEngine.apply(BADGES, set, "b1", operations))
          .isInstanceOfSatisfying(
              ScimException.class,
              error -> {
                assertThat(error.scimType()).contains(ScimType.MUTABILITY);
                assertThat(error.detail())
                    .isEqualTo(
                        "badgeNumber is immutable: it already has a value, which cannot be"
                            + " changed or removed");
              });
    }
  }
}
