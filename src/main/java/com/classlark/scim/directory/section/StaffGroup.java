package com.classlark.scim.directory.section;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Versions;
import java.time.Instant;

/**
 * A staff group as ClassLark's Staff section shows it: the group SCIM serves, with its number of
 * members. {@code externalId} may be null.
 */
public record StaffGroup(
    String id,
    String displayName,
    String externalId,
    boolean scimManaged,
    long memberCount,
    Instant createdAt,
    Instant lastModified,
    String version) {

  static StaffGroup of(StoredResource stored, long memberCount) {
    var document = stored.document();
    return new StaffGroup(
        stored.id(),
        document.path("displayName").asText(null),
        document.hasNonNull("externalId") ? document.get("externalId").asText() : null,
        stored.scimManaged(),
        memberCount,
        stored.created(),
        stored.lastModified(),
        Versions.etag(stored.version()));
  }

  /** {@code "scim"} for a group the identity provider manages, null for one made by hand. */
  public String managedBy() {
    return scimManaged ? "scim" : null;
  }
}
