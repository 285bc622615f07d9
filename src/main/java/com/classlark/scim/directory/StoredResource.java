package com.classlark.scim.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A staff member or group as stored: its canonical SCIM document (without {@code id} and {@code
 * meta}), its timestamps and version. The version changes with every change and is the resource's
 * ETag.
 *
 * @param document canonical resource JSON; callers must not modify it
 * @param scimManaged created or adopted through SCIM, hence locked against manual edits in
 *     ClassLark
 */
public record StoredResource(
    String id,
    ObjectNode document,
    Instant created,
    Instant lastModified,
    long version,
    boolean scimManaged) {

  /** The next version of this resource with a new document, as written at {@code at}. */
  public StoredResource changedTo(ObjectNode newDocument, Instant at) {
    return new StoredResource(id, newDocument, created, at, version + 1, true);
  }
}
