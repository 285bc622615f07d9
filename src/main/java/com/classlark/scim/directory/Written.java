package com.classlark.scim.directory;

import java.util.List;

/**
 * A resource as a write left it, with the names of the attributes the write changed (see {@code
 * ChangedAttributes}; {@code password} when a password was sent, never its value), so that the
 * adapters need not read the resource before writing to say what changed.
 */
public record Written(StoredResource resource, List<String> changes) {
  public Written {
    changes = List.copyOf(changes);
  }
}
