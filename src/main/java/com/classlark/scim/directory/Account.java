package com.classlark.scim.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * A school: the tenant that owns staff, groups and SCIM tokens.
 *
 * @param defaultUserType the {@code userType} SCIM gives a staff member whose identity provider
 *     sent none, or {@code null} while {@code userType} is required (see {@link
 *     Schools#configureScim})
 */
public record Account(String id, String name, Instant createdAt, String defaultUserType) {
  /** A school without a default user type. */
  public Account(String id, String name, Instant createdAt) {
    this(id, name, createdAt, null);
  }

  public Optional<String> defaultUserTypeIfSet() {
    return Optional.ofNullable(defaultUserType);
  }
}
