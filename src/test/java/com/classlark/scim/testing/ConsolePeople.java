package com.classlark.scim.testing;

import com.classlark.scim.directory.console.ConsoleRole;
import com.classlark.scim.directory.console.ConsoleUsers;
import com.classlark.scim.directory.console.ConsoleUsers.PasswordChange;
import com.classlark.scim.directory.console.PasswordLink;
import java.util.UUID;

/** Console users for tests, made as support makes them: added, then their link used. */
public final class ConsolePeople {
  /** The password every user made here sets. */
  public static final String PASSWORD = "a long and quiet password";

  private ConsolePeople() {}

  public static String newEmail(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@classlark.example";
  }

  /** A user who has not used their link yet. */
  public static PasswordLink invited(TestServer server, ConsoleRole role, String schoolId) {
    return users(server).add(newEmail(role.keyword()), role, schoolId);
  }

  /** A support user with {@link #PASSWORD}; returns the email. */
  public static String support(TestServer server) {
    return withPassword(server, ConsoleRole.SUPPORT, null);
  }

  /** An admin of the school with {@link #PASSWORD}; returns the email. */
  public static String schoolAdmin(TestServer server, String schoolId) {
    return withPassword(server, ConsoleRole.SCHOOL_ADMIN, schoolId);
  }

  private static String withPassword(TestServer server, ConsoleRole role, String schoolId) {
    PasswordLink link = invited(server, role, schoolId);
    if (!(users(server).setPassword(link.secret(), PASSWORD, PASSWORD)
        instanceof PasswordChange.Changed)) {
      throw new IllegalStateException("the test user's password was not set");
    }
    return link.user().email();
  }

  private static ConsoleUsers users(TestServer server) {
    return server.application().services().console().users();
  }
}
