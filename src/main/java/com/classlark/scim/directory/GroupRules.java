package com.classlark.scim.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * ClassLark's rules for a staff group (SCIM Group) beyond what the schema says: the one validator
 * of groups, whether SCIM or a person in ClassLark wrote the group.
 */
public final class GroupRules {
  private GroupRules() {}

  /** Every rule a group in canonical form breaks; empty when it is valid. */
  public static List<StaffRules.Violation> violations(ObjectNode canonicalGroup) {
    List<StaffRules.Violation> violations = new ArrayList<>();
    StorableText.checkDocument(canonicalGroup, violations);
    StorableText.check(
        "displayName", canonicalGroup.path("displayName"), StorableText.NAME_LENGTH, violations);
    StorableText.check(
        "externalId", canonicalGroup.path("externalId"), StorableText.NAME_LENGTH, violations);
    return List.copyOf(violations);
  }
}
