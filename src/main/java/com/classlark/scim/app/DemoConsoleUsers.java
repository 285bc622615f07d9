package com.classlark.scim.app;

import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleUser;
import com.classlark.scim.directory.console.ConsoleUsers;
import com.classlark.scim.directory.console.PasswordLink;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console users of {@code serve --demo}: a support user and the demo school's admin. Each start
 * prints a set-password link for a demo user who has not set a password yet; one who has signs in
 * with it.
 */
final class DemoConsoleUsers {
  static final String SUPPORT_EMAIL = "support@demo.classlark.test";
  static final String ADMIN_EMAIL = "admin@demo.classlark.test";

  /**
   * A demo console user and what to do with it.
   *
   * @param link a new set-password link, or empty when the user already set a password
   */
  record Demo(ConsoleUser user, Optional<PasswordLink> link) {}

  private DemoConsoleUsers() {}

  static List<Demo> prepare(Services services, Account school) {
    return List.of(
        prepare(services.console().users(), SUPPORT_EMAIL, ConsoleRole.SUPPORT, null),
        prepare(services.console().users(), ADMIN_EMAIL, ConsoleRole.SCHOOL_ADMIN, school.id()));
  }

  private static Demo prepare(
      ConsoleUsers users, String email, ConsoleRole role, String accountId) {
    Optional<ConsoleUser> existing =
        users.list().stream()
            .filter(user -> user.email().toLowerCase(Locale.ROOT).equals(email))
            .findFirst();
    if (existing.isEmpty()) {
      PasswordLink link = users.add(email, role, accountId);
      return new Demo(link.user(), Optional.of(link));
    }
    ConsoleUser user = existing.get();
    if (user.passwordSetAt() != null || user.disabled()) {
      return new Demo(user, Optional.empty());
    }
    return new Demo(user, Optional.of(users.newLink(email)));
  }
}
