package com.classlark.scim.protocol.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.classlark.scim.protocol.error.ScimType;
import com.classlark.scim.protocol.schema.ResourceTypeDefinition;
import com.classlark.scim.protocol.schema.ResourceTypes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The create bodies identity providers document, read as they are. Each User body needs a {@code
 * userType} mapping, which a school's IT admin adds in the identity provider because ClassLark
 * requires it; the bodies without it are rejected with a detail that says so.
 */
class ClientBodiesTest {

  /**
   * Microsoft Entra ID, "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft
   * Entra ID", section "User operations / Create User / Request" (learn.microsoft.com,
   * app-provisioning/use-scim-to-provision-users-and-groups).
   */
  static final String ENTRA_CREATE_USER =
      """
      {
          "schemas": [
              "urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
          "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
          "active": true,
          "emails": [{
              "primary": true,
              "type": "work",
              "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"
          }],
          "meta": {
              "resourceType": "User"
          },
          "name": {
              "formatted": "givenName familyName",
              "familyName": "familyName",
              "givenName": "givenName"
          },
          "roles": []
      }\
      """;

  /** Same tutorial, "Group operations / Create Group / Request", with Entra's ADSCIM schema URN. */
  static final String ENTRA_CREATE_GROUP =
      """
      {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
          "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          "displayName": "displayName",
          "meta": {
              "resourceType": "Group"
          }
      }\
      """;

  /**
   * Okta, "Okta and SCIM Version 2.0", section "Create the User" (developer.okta.com,
   * docs/api/openapi/okta-scim/guides/scim-20). Okta sends a password even without password sync.
   */
  static final String OKTA_CREATE_USER =
      """
      {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
          "userName": "test.user@okta.local",
          "name": {
              "givenName": "Test",
              "familyName": "User"
          },
          "emails": [{
              "primary": true,
              "value": "test.user@okta.local",
              "type": "work"
          }],
          "displayName": "Test User",
          "locale": "en-US",
          "externalId": "00ujl29u0le5T6Aj10h7",
          "groups": [],
          "password": "1mz050nq",
          "active": true
      }\
      """;

  /** Same Okta guide, "Create Groups" (Push Groups). */
  static final String OKTA_CREATE_GROUP =
      """
      {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "displayName": "Test SCIMv2",
          "members": []
      }\
      """;

  /**
   * Not a capture: a body put together for this test from quirks Entra users report — nulls and
   * empty strings for unmapped attributes, string booleans, URN-qualified keys at the top level, a
   * bare manager id, Entra's ADSCIM URN and a misspelt enterprise URN (an admin's typo in a custom
   * mapping).
   */
  static final String ENTRA_STYLE_QUIRKS =
      """
      {
          "schemas": [
              "urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
              "urn:ietf:params:scim:schemas:extension:ADSCIM:2.0:User"],
          "externalId": "58342554-38d6-4ec8-948c-50044d0a33fd",
          "userName": "jane.doe@school.example",
          "active": "True",
          "displayName": "Ms Doe",
          "nickName": null,
          "title": "",
          "userType": "Staff",
          "name": {"givenName": "Jane", "familyName": "Doe", "middleName": null},
          "emails": [{"primary": "True", "type": "work", "value": "jane.doe@school.example"}],
          "phoneNumbers": [{"type": "mobile", "value": null}],
          "addresses": null,
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
              "department": "Science", "costCenter": null, "manager": "8c6cb3a2"},
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "100009",
          "urn:ietf:params:scim:schemas:extension:enterprize:2.0:User": {"division": "Upper school"},
          "urn:ietf:params:scim:schemas:extension:ADSCIM:2.0:User": {"mailNickname": "jdoe"}
      }\
      """;

  static Stream<Arguments> documentedBodies() {
    return Stream.of(
        arguments(
            "Entra create user",
            ResourceTypes.USER,
            withUserType(ENTRA_CREATE_USER),
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
             "userName": "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1",
             "name": {"formatted": "givenName familyName", "familyName": "familyName",
                      "givenName": "givenName"},
             "userType": "Staff",
             "active": true,
             "emails": [{"value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com",
                         "type": "work", "primary": true}]}\
            """),
        arguments(
            "Okta create user",
            ResourceTypes.USER,
            withUserType(OKTA_CREATE_USER),
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "externalId": "00ujl29u0le5T6Aj10h7",
             "userName": "test.user@okta.local",
             "name": {"familyName": "User", "givenName": "Test"},
             "displayName": "Test User",
             "userType": "Staff",
             "locale": "en-US",
             "active": true,
             "emails": [{"value": "test.user@okta.local", "type": "work", "primary": true}]}\
            """),
        arguments(
            "Entra create group",
            ResourceTypes.GROUP,
            ENTRA_CREATE_GROUP,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
             "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
             "displayName": "displayName"}\
            """),
        arguments(
            "Okta create group",
            ResourceTypes.GROUP,
            OKTA_CREATE_GROUP,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
             "displayName": "Test SCIMv2"}\
            """),
        arguments(
            "Entra-style quirks",
            ResourceTypes.USER,
            ENTRA_STYLE_QUIRKS,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId": "58342554-38d6-4ec8-948c-50044d0a33fd",
             "userName": "jane.doe@school.example",
             "name": {"familyName": "Doe", "givenName": "Jane"},
             "displayName": "Ms Doe",
             "userType": "Staff",
             "active": true,
             "emails": [{"value": "jane.doe@school.example", "type": "work", "primary": true}],
             "phoneNumbers": [{"type": "mobile"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                 "employeeNumber": "100009",
                 "department": "Science",
                 "manager": {"value": "8c6cb3a2"}}}\
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedBodies")
  void readsTheBodiesIdentityProvidersSend(
      String client, ResourceTypeDefinition type, String body, String canonical) throws Exception {
    assertThat(ResourceReader.read(type, Json.MAPPER.readTree(body)))
        .isEqualTo(Json.MAPPER.readTree(canonical));
  }

  @Test
  void entraBodyWithoutAUserTypeMappingIsRejected() {
    ResourceReaderTest.assertRejected(
        ResourceTypes.USER,
        ENTRA_CREATE_USER.replace('"', '\''),
        ScimType.INVALID_VALUE,
        "userType is required");
  }

  @Test
  void oktaBodyWithoutAUserTypeMappingIsRejected() {
    ResourceReaderTest.assertRejected(
        ResourceTypes.USER,
        OKTA_CREATE_USER.replace('"', '\''),
        ScimType.INVALID_VALUE,
        "userType is required");
  }

  /** The school's attribute mapping adds userType; nothing else in the documented body changes. */
  private static String withUserType(String body) {
    return body.replaceFirst("\\{", "{\"userType\": \"Staff\",");
  }
}
