package com.classlark.scim.protocol.schema;

import static com.classlark.scim.protocol.schema.Attributes.bool;
import static com.classlark.scim.protocol.schema.Attributes.complex;
import static com.classlark.scim.protocol.schema.Attributes.integer;
import static com.classlark.scim.protocol.schema.Attributes.reference;
import static com.classlark.scim.protocol.schema.Attributes.string;

import java.util.List;

/**
 * The schemas of the discovery resources themselves, RFC 7643 §5–§7 as written out in §8.7.2:
 * {@code ServiceProviderConfig}, {@code ResourceType} and {@code Schema}. {@code /Schemas} lists
 * them after the schemas of the resource types, so that a client can read every resource this
 * service returns from {@code /Schemas} alone. Every attribute is read-only: discovery resources
 * are not written over SCIM.
 */
public final class DiscoverySchemas {
  private DiscoverySchemas() {}

  /** RFC 7643 §5 (with the {@code pagination} member of RFC 9865 §4). */
  public static final SchemaDefinition SERVICE_PROVIDER_CONFIG =
      new SchemaDefinition(
          ServiceProviderConfig.SCHEMA,
          "Service Provider Configuration",
          "Schema for representing the service provider's configuration.",
          List.of(
              reference("documentationUri", "external")
                  .description("An HTTP-addressable URL pointing to the service's documentation.")
                  .readOnly()
                  .build(),
              supported("patch", "PATCH"),
              complex(
                      "bulk",
                      flag("supported", "Whether the Bulk operation is supported."),
                      count("maxOperations", "The most operations one Bulk request may hold."),
                      count("maxPayloadSize", "The largest Bulk request body, in bytes."))
                  .description("Bulk configuration options.")
                  .required()
                  .readOnly()
                  .build(),
              complex(
                      "filter",
                      flag("supported", "Whether filtering is supported."),
                      count("maxResults", "The most resources one response returns."))
                  .description("Filter options.")
                  .required()
                  .readOnly()
                  .build(),
              supported("changePassword", "changing a password"),
              supported("sort", "sorting"),
              supported("etag", "ETags"),
              complex(
                      "pagination",
                      flag("cursor", "Whether cursor-based pagination is supported."),
                      flag("index", "Whether index-based pagination is supported."),
                      string("defaultPaginationMethod")
                          .description("The pagination used when a request asks for none.")
                          .canonicalValues("cursor", "index")
                          .readOnly()
                          .build(),
                      count("defaultPageSize", "The page size when a request gives no count."),
                      count("maxPageSize", "The largest page size."),
                      integer("cursorTimeout")
                          .description("How many seconds a cursor stays valid.")
                          .readOnly()
                          .build())
                  .description("Pagination options (RFC 9865).")
                  .readOnly()
                  .build(),
              complex(
                      "authenticationSchemes",
                      string("type")
                          .description("The authentication scheme.")
                          .canonicalValues(
                              "oauth", "oauth2", "oauthbearertoken", "httpbasic", "httpdigest")
                          .readOnly()
                          .build(),
                      string("name")
                          .description("The common authentication scheme name.")
                          .required()
                          .readOnly()
                          .build(),
                      string("description")
                          .description("A description of the authentication scheme.")
                          .required()
                          .readOnly()
                          .build(),
                      reference("specUri", "external")
                          .description("The specification of the authentication scheme.")
                          .readOnly()
                          .build(),
                      reference("documentationUri", "external")
                          .description("The documentation of the authentication scheme.")
                          .readOnly()
                          .build(),
                      bool("primary")
                          .description("Whether this is the preferred authentication scheme.")
                          .readOnly()
                          .build())
                  .description("The authentication schemes the service supports.")
                  .multiValued()
                  .required()
                  .readOnly()
                  .build()));

  /** RFC 7643 §6. */
  public static final SchemaDefinition RESOURCE_TYPE =
      new SchemaDefinition(
          SchemaRepresentation.RESOURCE_TYPE_URN,
          "ResourceType",
          "Specifies the schema that describes a SCIM resource type.",
          List.of(
              string("id").description("The resource type's server unique id.").readOnly().build(),
              string("name")
                  .description("The resource type name, e.g. \"User\".")
                  .required()
                  .readOnly()
                  .build(),
              string("description")
                  .description("The resource type's human-readable description.")
                  .readOnly()
                  .build(),
              reference("endpoint", "uri")
                  .description("The resource type's HTTP-addressable endpoint, e.g. \"/Users\".")
                  .required()
                  .readOnly()
                  .build(),
              reference("schema", "uri")
                  .description("The resource type's primary (base) schema URI.")
                  .required()
                  .caseExact(true)
                  .readOnly()
                  .build(),
              complex(
                      "schemaExtensions",
                      reference("schema", "uri")
                          .description("The URI of an extended schema.")
                          .required()
                          .caseExact(true)
                          .readOnly()
                          .build(),
                      bool("required")
                          .description("Whether resources of this type must include the extension.")
                          .required()
                          .readOnly()
                          .build())
                  .description("A list of URIs of the resource type's schema extensions.")
                  .multiValued()
                  .readOnly()
                  .build()));

  /** RFC 7643 §7. */
  public static final SchemaDefinition SCHEMA =
      new SchemaDefinition(
          SchemaRepresentation.SCHEMA_URN,
          "Schema",
          "Specifies the schema attribute.",
          List.of(
              string("id").description("The unique URI of the schema.").readOnly().build(),
              string("name").description("The schema's human-readable name.").readOnly().build(),
              string("description")
                  .description("The schema's human-readable description.")
                  .readOnly()
                  .build(),
              complex("attributes", characteristics(true))
                  .description("The attributes of the schema, with their characteristics.")
                  .multiValued()
                  .required()
                  .readOnly()
                  .build()));

  /** The discovery schemas, in the order {@code /Schemas} lists them. */
  public static final List<SchemaDefinition> ALL =
      List.of(SERVICE_PROVIDER_CONFIG, RESOURCE_TYPE, SCHEMA);

  private static AttributeDefinition supported(String name, String feature) {
    return complex(name, flag("supported", "Whether " + feature + " is supported."))
        .description("Options of " + feature + ".")
        .required()
        .readOnly()
        .build();
  }

  private static AttributeDefinition flag(String name, String description) {
    return bool(name).description(description).required().readOnly().build();
  }

  private static AttributeDefinition count(String name, String description) {
    return integer(name).description(description).required().readOnly().build();
  }

  /** The characteristics of an attribute (RFC 7643 §2.2); sub-attributes have them too. */
  private static AttributeDefinition[] characteristics(boolean withSubAttributes) {
    List<AttributeDefinition> list =
        new java.util.ArrayList<>(
            List.of(
                string("name")
                    .description("The attribute's name.")
                    .required()
                    .caseExact(true)
                    .readOnly()
                    .build(),
                string("type")
                    .description("The attribute's data type.")
                    .required()
                    .canonicalValues(
                        "string",
                        "complex",
                        "boolean",
                        "decimal",
                        "integer",
                        "dateTime",
                        "reference",
                        "binary")
                    .readOnly()
                    .build(),
                flag("multiValued", "Whether the attribute is multi-valued."),
                string("description")
                    .description("The attribute's human-readable description.")
                    .readOnly()
                    .build(),
                flag("required", "Whether the attribute is required."),
                string("canonicalValues")
                    .description("A collection of suggested canonical values.")
                    .multiValued()
                    .readOnly()
                    .build(),
                flag("caseExact", "Whether string values are compared case-sensitively."),
                string("mutability")
                    .description("Whether and when the attribute can be written.")
                    .canonicalValues("readOnly", "readWrite", "immutable", "writeOnly")
                    .readOnly()
                    .build(),
                string("returned")
                    .description("When the attribute is returned in a response.")
                    .canonicalValues("always", "never", "default", "request")
                    .readOnly()
                    .build(),
                string("uniqueness")
                    .description("How the service enforces uniqueness of values.")
                    .canonicalValues("none", "server", "global")
                    .readOnly()
                    .build(),
                string("referenceTypes")
                    .description("The resource types a reference may refer to.")
                    .multiValued()
                    .readOnly()
                    .build()));
    if (withSubAttributes) {
      list.add(
          complex("subAttributes", characteristics(false))
              .description("The sub-attributes of a complex attribute.")
              .multiValued()
              .readOnly()
              .build());
    }
    return list.toArray(AttributeDefinition[]::new);
  }
}
