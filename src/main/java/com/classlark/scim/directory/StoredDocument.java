package com.classlark.scim.directory;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A staff member or group as stored, with its document still as the stored JSON text: what a read
 * that only writes the resource out needs, without parsing it (see {@code SplicedRepresentation}).
 *
 * @param json the canonical resource JSON (without {@code id} and {@code meta}) as stored
 */
public record StoredDocument(
    String id,
    String json,
    Instant created,
    Instant lastModified,
    long version,
    boolean scimManaged) {

  /** The same record with its document parsed. */
  public StoredResource parsed() {
    try {
      return new StoredResource(
          id, (ObjectNode) Json.MAPPER.readTree(json), created, lastModified, version, scimManaged);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored document is not JSON", e);
    }
  }
}
