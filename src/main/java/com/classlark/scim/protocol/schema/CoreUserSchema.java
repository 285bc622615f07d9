package com.classlark.scim.protocol.schema;

import static com.classlark.scim.protocol.schema.Attributes.binary;
import static com.classlark.scim.protocol.schema.Attributes.bool;
import static com.classlark.scim.protocol.schema.Attributes.complex;
import static com.classlark.scim.protocol.schema.Attributes.reference;
import static com.classlark.scim.protocol.schema.Attributes.string;

import java.util.List;

/**
 * The core User schema, RFC 7643 §4.1 with the characteristics of §8.7.1, tightened where ClassLark
 * needs more: {@code name} with {@code givenName} and {@code familyName}, and {@code userType}, are
 * required.
 */
final class CoreUserSchema {
  private CoreUserSchema() {}

  static final SchemaDefinition DEFINITION =
      new SchemaDefinition(
          UserSchemas.CORE_URN,
          "User",
          "A member of a school's staff who can be booked for events in ClassLark.",
          List.of(
              string("userName")
                  .description(
                      "The staff member's sign-in email address; unique within the school, compared"
                          + " without regard to case.")
                  .required()
                  .uniqueness(Uniqueness.SERVER)
                  .build(),
              complex(
                      "name",
                      string("formatted")
                          .description(
                              "The full name as it should be displayed, e.g. \"Ms. Jane Doe\".")
                          .build(),
                      string("familyName")
                          .description("The family (last) name, e.g. \"Doe\".")
                          .required()
                          .build(),
                      string("givenName")
                          .description("The given (first) name, e.g. \"Jane\".")
                          .required()
                          .build(),
                      string("middleName").description("The middle name(s).").build(),
                      string("honorificPrefix")
                          .description("The title before the name, e.g. \"Dr.\" or \"Ms.\".")
                          .build(),
                      string("honorificSuffix")
                          .description("The suffix after the name, e.g. \"III\" or \"PhD\".")
                          .build())
                  .description(
                      "The components of the staff member's name; givenName and familyName are"
                          + " required.")
                  .required()
                  .build(),
              string("displayName")
                  .description("The name shown to parents and colleagues, e.g. \"Ms Doe\".")
                  .build(),
              string("nickName").description("The casual name the staff member goes by.").build(),
              reference("profileUrl", "external")
                  .description("An absolute URL of the staff member's online profile.")
                  .build(),
              string("title").description("The job title, e.g. \"Head of Science\".").build(),
              string("userType")
                  .description(
                      "The staff member's role in ClassLark: exactly one of Staff, Event Manager,"
                          + " Finance Manager or Administrator (case-sensitive).")
                  .required()
                  .canonicalValues("Staff", "Event Manager", "Finance Manager", "Administrator")
                  .build(),
              string("preferredLanguage")
                  .description(
                      "The preferred written or spoken language, as in the HTTP Accept-Language"
                          + " header, e.g. \"en-GB\".")
                  .build(),
              string("locale")
                  .description(
                      "The default location for localising dates, times and numbers, e.g."
                          + " \"en-GB\".")
                  .build(),
              string("timezone")
                  .description("The time zone in IANA format, e.g. \"Europe/London\".")
                  .build(),
              bool("active")
                  .description(
                      "Whether the staff member can be booked and sign in; false deactivates them.")
                  .build(),
              string("password")
                  .description(
                      "A password sent by the identity provider; accepted for compatibility, never"
                          + " stored and never returned.")
                  .writeOnly()
                  .returned(Returned.NEVER)
                  .build(),
              typedValues(
                  "emails",
                  string("value")
                      .description("The email address, e.g. \"jane.doe@school.example\"."),
                  "Email addresses of the staff member.",
                  "work",
                  "home",
                  "other"),
              typedValues(
                  "phoneNumbers",
                  string("value").description("The phone number, e.g. \"tel:+44-20-7946-0000\"."),
                  "Phone numbers of the staff member.",
                  "work",
                  "home",
                  "mobile",
                  "fax",
                  "pager",
                  "other"),
              typedValues(
                  "ims",
                  string("value").description("The instant messaging address."),
                  "Instant messaging addresses of the staff member.",
                  "aim",
                  "gtalk",
                  "icq",
                  "xmpp",
                  "msn",
                  "skype",
                  "qq",
                  "yahoo"),
              typedValues(
                  "photos",
                  reference("value", "external").description("The absolute URL of the image."),
                  "URLs of photos of the staff member.",
                  "photo",
                  "thumbnail"),
              complex(
                      "addresses",
                      string("formatted")
                          .description("The full postal address, formatted for display.")
                          .build(),
                      string("streetAddress")
                          .description("The street, house number and any further lines.")
                          .build(),
                      string("locality").description("The city or locality.").build(),
                      string("region").description("The state or region.").build(),
                      string("postalCode").description("The postal code.").build(),
                      string("country")
                          .description("The country as an ISO 3166-1 alpha-2 code, e.g. \"GB\".")
                          .build(),
                      string("type")
                          .description("The kind of address, e.g. \"work\".")
                          .canonicalValues("work", "home", "other")
                          .build(),
                      primary())
                  .description("Postal addresses of the staff member.")
                  .multiValued()
                  .build(),
              complex(
                      "groups",
                      string("value").description("The id of the staff group.").readOnly().build(),
                      reference("$ref", "User", "Group")
                          .description("The URI of the staff group.")
                          .readOnly()
                          .build(),
                      string("display")
                          .description("The displayName of the staff group.")
                          .readOnly()
                          .build(),
                      string("type")
                          .description("How the membership arises: direct or indirect.")
                          .canonicalValues("direct", "indirect")
                          .readOnly()
                          .build())
                  .description(
                      "The staff groups the staff member belongs to; maintained through /Groups.")
                  .multiValued()
                  .readOnly()
                  .build(),
              typedValues(
                  "entitlements",
                  string("value").description("The entitlement."),
                  "Entitlements of the staff member, kept as sent by the identity provider."),
              typedValues(
                  "roles",
                  string("value").description("The role."),
                  "Roles of the staff member, kept as sent by the identity provider."),
              typedValues(
                  "x509Certificates",
                  binary("value").description("The base64-encoded DER X.509 certificate."),
                  "X.509 certificates issued to the staff member.")));

  /**
   * A multi-valued complex attribute with the usual {@code value}, {@code display}, {@code type}
   * and {@code primary} sub-attributes (RFC 7643 §2.4).
   */
  private static AttributeDefinition typedValues(
      String name, Attributes.Builder value, String description, String... types) {
    return complex(
            name,
            value.build(),
            string("display").description("A label for the value, for display only.").build(),
            string("type")
                .description("The kind of value, e.g. \"work\".")
                .canonicalValues(types)
                .build(),
            primary())
        .description(description)
        .multiValued()
        .build();
  }

  private static AttributeDefinition primary() {
    return bool("primary")
        .description("Whether this is the preferred value; at most one value may be primary.")
        .build();
  }
}
