package com.classlark.scim.directory;

import java.util.List;

/** Member ids that name no live staff member of the school. */
public final class UnknownMembersException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> ids;

  public UnknownMembersException(List<String> ids) {
    super("unknown members " + ids);
    this.ids = List.copyOf(ids);
  }

  public List<String> ids() {
    return ids;
  }
}
