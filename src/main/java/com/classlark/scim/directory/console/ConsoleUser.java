package com.classlark.scim.directory.console;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who signs in to the web console. Never holds the password or its hash.
 *
 * @param accountId the school of a school admin; {@code null} for support
 * @param passwordSetAt when the password was last set, {@code null} until the first set-password
 *     link is used
 * @param disabledAt when support disabled the user, {@code null} while the user may sign in
 */
public record ConsoleUser(
    String id,
    String email,
    ConsoleRole role,
    String accountId,
    Instant createdAt,
    Instant passwordSetAt,
    Instant disabledAt) {

  public ConsoleUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(role, "role");
    if ((role == ConsoleRole.SCHOOL_ADMIN) != (accountId != null)) {
      throw new IllegalArgumentException("a school admin has a school, support has none");
    }
  }

  /** The school of a school admin; empty for support. */
  public Optional<String> school() {
    return Optional.ofNullable(accountId);
  }

  public boolean disabled() {
    return disabledAt != null;
  }

  /** True when this user may see the school: support sees every school, an admin their own. */
  public boolean canSee(String schoolId) {
    return role == ConsoleRole.SUPPORT || accountId.equals(schoolId);
  }
}
