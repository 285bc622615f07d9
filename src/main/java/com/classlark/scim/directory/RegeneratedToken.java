package com.classlark.scim.directory;

import java.util.List;

/** The answer to a regeneration: the new token, shown once, and the tokens it replaces. */
public record RegeneratedToken(IssuedToken issued, List<RetiringToken> retiring) {
  public RegeneratedToken {
    retiring = List.copyOf(retiring);
  }
}
