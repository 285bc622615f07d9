package com.classlark.scim.directory.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a school's staff or groups, as the change feed reports it (issue 15), written in
 * the transaction of the change itself (a transactional outbox).
 *
 * @param data what a consumer needs without a second call: the Staff record as the directory API
 *     shows it, the group, or the member ids (see docs/events.md); callers must not modify it
 */
public record ChangeEvent(
    String id,
    EventType type,
    Instant at,
    String school,
    String resourceId,
    EventSource source,
    ObjectNode data) {
  public ChangeEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(school, "school");
    Objects.requireNonNull(resourceId, "resourceId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(data, "data");
  }
}
