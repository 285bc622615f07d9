package com.classlark.scim.directory.section;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A staff member as ClassLark's Staff section shows it: the same record SCIM serves as a User, with
 * the fields ClassLark uses. Text fields other than {@code id} may be null.
 *
 * @param scimManaged true when the school's identity provider manages it ({@code managedBy:
 *     "scim"})
 * @param version the version, as the entity tag SCIM gives it too
 */
public record StaffMember(
    String id,
    String email,
    String givenName,
    String familyName,
    String userType,
    boolean active,
    String externalId,
    String subjects,
    String room,
    String meetingUrl,
    boolean scimManaged,
    Instant createdAt,
    Instant lastModified,
    String version) {

  /** The staff member a stored record shows. */
  public static StaffMember of(StoredResource stored) {
    var document = stored.document();
    JsonNode active = StaffField.ACTIVE.read(document);
    return new StaffMember(
        stored.id(),
        text(StaffField.EMAIL.read(document)),
        text(StaffField.GIVEN_NAME.read(document)),
        text(StaffField.FAMILY_NAME.read(document)),
        text(StaffField.USER_TYPE.read(document)),
        active == null || active.asBoolean(),
        text(StaffField.EXTERNAL_ID.read(document)),
        text(StaffField.SUBJECTS.read(document)),
        text(StaffField.ROOM.read(document)),
        text(StaffField.MEETING_URL.read(document)),
        stored.scimManaged(),
        stored.created(),
        stored.lastModified(),
        Versions.etag(stored.version()));
  }

  /** {@code "scim"} for a record the identity provider manages, null for one made by hand. */
  public String managedBy() {
    return scimManaged ? "scim" : null;
  }

  /**
   * The staff member as the directory API shows it, also the {@code staff} of a change event:
   * instants in ISO-8601 UTC, absent text fields as {@code null}.
   */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("id", id);
    node.put("email", email);
    node.put("givenName", givenName);
    node.put("familyName", familyName);
    node.put("userType", userType);
    node.put("active", active);
    node.put("externalId", externalId);
    node.put("subjects", subjects);
    node.put("room", room);
    node.put("meetingUrl", meetingUrl);
    node.put("managedBy", managedBy());
    node.put("createdAt", createdAt == null ? null : createdAt.toString());
    node.put("lastModified", lastModified == null ? null : lastModified.toString());
    node.put("version", version);
    return node;
  }

  private static String text(JsonNode value) {
    return value == null ? null : value.asText();
  }
}
