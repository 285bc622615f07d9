package com.classlark.scim.protocol.patch;

import java.util.List;

/**
 * One change to a group's members, as a set operation on the membership table; the member list is
 * never loaded (DESIGN.md, "Performance principles"). Applied in order, each change sees the result
 * of the previous ones. Ids are user ids as the client sent them, without duplicates; whether they
 * name staff of the school is the directory's business.
 */
public sealed interface MembershipChange {

  /** Makes these users members; those already members stay (RFC 7644 §3.5.2.1). */
  record AddMembers(List<String> ids) implements MembershipChange {
    public AddMembers {
      ids = List.copyOf(ids);
    }
  }

  /** Ends these users' membership; ids that are not members are ignored. */
  record RemoveMembers(List<String> ids) implements MembershipChange {
    public RemoveMembers {
      ids = List.copyOf(ids);
    }
  }

  /** Ends every membership of the group (RFC 7644 §3.5.2.2, {@code remove} of {@code members}). */
  record RemoveAllMembers() implements MembershipChange {}

  /**
   * Makes exactly these users the members (RFC 7644 §3.5.2.3, {@code replace} of {@code members}).
   */
  record ReplaceMembers(List<String> ids) implements MembershipChange {
    public ReplaceMembers {
      ids = List.copyOf(ids);
    }
  }
}
