package com.classlark.scim.directory.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.app.Services;
import com.classlark.scim.directory.Account;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.ProblemKind;
import com.classlark.scim.directory.ScimStatus;
import com.classlark.scim.directory.Secrets;
import com.classlark.scim.directory.console.ConsoleSessions.SignIn;
import com.classlark.scim.directory.console.ConsoleUsers.LinkCheck;
import com.classlark.scim.directory.console.ConsoleUsers.PasswordChange;
import com.classlark.scim.store.Database;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.MutableClock;
import com.classlark.scim.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's sign-in rules, on both engines: one-time links, password rules, sessions that end
 * when idle, on a password change and on disabling, failed sign-ins held back, and who sees which
 * school.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class ConsoleUsersTest {
  private static final String PASSWORD = "correct horse battery staple";

  static TestDatabase testDatabase;
  static Database database;
  static MutableClock clock;
  static Services services;

  @Parameter Engine engine;

  @BeforeParameterizedClassInvocation
  static void open(Engine engine) {
    testDatabase = TestDatabase.create(engine);
    database = Database.open(testDatabase.target());
    database.migrate();
    clock = MutableClock.startingNow();
    services = Services.over(database, clock);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    database.close();
    testDatabase.close();
  }

  private static ConsoleUsers users() {
    return services.console().users();
  }

  private static ConsoleSessions sessions() {
    return services.console().sessions();
  }

  private static String email(String who) {
    return who + "-" + UUID.randomUUID() + "@school.example";
  }

  /** A user who set {@link #PASSWORD} through their link. */
  private static ConsoleUser userWithPassword(String email, ConsoleRole role, String accountId) {
    PasswordLink link = users().add(email, role, accountId);
    assertThat(users().setPassword(link.secret(), PASSWORD, PASSWORD))
        .isInstanceOf(PasswordChange.Changed.class);
    return link.user();
  }

  private static SignIn.Started signIn(String email) {
    return (SignIn.Started) sessions().signIn(email, PASSWORD);
  }

  @Test
  void aLinkSetsThePasswordOnceAndThenSignInWorks() {
    String email = email("once");
    PasswordLink link = users().add(email, ConsoleRole.SUPPORT, null);
    assertThat(users().check(link.secret()))
        .isEqualTo(new LinkCheck.Usable(link.user(), link.expiresAt()));

    PasswordChange first = users().setPassword(link.secret(), PASSWORD, PASSWORD);
    PasswordChange second = users().setPassword(link.secret(), PASSWORD + "!", PASSWORD + "!");

    assertThat(first).isInstanceOf(PasswordChange.Changed.class);
    assertThat(((PasswordChange.Changed) first).user().passwordSetAt()).isNotNull();
    assertThat(second)
        .isEqualTo(
            new PasswordChange.LinkRefused(
                "This link has already been used: each link works once. Sign in with the password"
                    + " you set, or ask ClassLark support for a new link."));
    assertThat(sessions().signIn(email.toUpperCase(), PASSWORD)).isInstanceOf(SignIn.Started.class);
    assertThat(sessions().signIn(email, PASSWORD + "!")).isEqualTo(new SignIn.Refused());
  }

  @Test
  void aLinkExpiresAfter24Hours() {
    PasswordLink link = users().add(email("late"), ConsoleRole.SUPPORT, null);
    clock.advance(Duration.ofHours(24));

    assertThat(users().setPassword(link.secret(), PASSWORD, PASSWORD))
        .isEqualTo(
            new PasswordChange.LinkRefused(
                "This link has expired: links work for 24 hours. Ask ClassLark support for a new"
                    + " one."));
  }

  @Test
  void anUnknownLinkIsRefusedInPlainWords() {
    assertThat(users().check("not-a-link"))
        .isEqualTo(
            new LinkCheck.Unusable(
                "This link is not valid. Check that you opened the whole link, or ask ClassLark"
                    + " support for a new one."));
  }

  @Test
  void aPasswordThatBreaksTheRulesIsRefusedAndTheLinkStillWorks() {
    String email = email("rules");
    PasswordLink link = users().add(email, ConsoleRole.SUPPORT, null);

    assertThat(users().setPassword(link.secret(), "short", "other"))
        .isEqualTo(
            new PasswordChange.RulesBroken(
                List.of(
                    "The password is too short: use at least 12 characters (it has 5).",
                    "The two passwords are not the same: type the same password twice.")));
    assertThat(users().setPassword(link.secret(), email, email))
        .isEqualTo(
            new PasswordChange.RulesBroken(
                List.of("The password must not be your email address.")));
    assertThat(users().check(link.secret())).isInstanceOf(LinkCheck.Usable.class);
  }

  @Test
  void passwordsAreStoredAsArgon2idHashesOnly() {
    ConsoleUser user = userWithPassword(email("hash"), ConsoleRole.SUPPORT, null);

    String stored =
        new com.classlark.scim.store.JdbcConsoleUserStore(database)
            .passwordHash(user.id())
            .orElseThrow();

    assertThat(stored).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").doesNotContain(PASSWORD);
  }

  @Test
  void aSessionEndsAfter8HoursWithoutARequest() {
    String email = email("idle");
    userWithPassword(email, ConsoleRole.SUPPORT, null);
    String session = signIn(email).sessionSecret();

    clock.advance(Duration.ofHours(7));
    assertThat(sessions().authenticate(session)).isPresent();
    clock.advance(Duration.ofHours(7));
    assertThat(sessions().authenticate(session)).isPresent();
    clock.advance(Duration.ofHours(8));
    assertThat(sessions().authenticate(session)).isEmpty();
  }

  @Test
  void aSignInEndsTheSessionsThatWereIdleTooLong() {
    String email = email("forgotten");
    userWithPassword(email, ConsoleRole.SUPPORT, null);
    String forgotten = signIn(email).sessionSecret();
    var store = new com.classlark.scim.store.JdbcConsoleSessionStore(database);

    clock.advance(Duration.ofHours(9));
    signIn(email);

    assertThat(store.find(Secrets.hash(forgotten))).isEmpty();
  }

  @Test
  void signOutEndsOnlyThatSession() {
    String email = email("out");
    userWithPassword(email, ConsoleRole.SUPPORT, null);
    String first = signIn(email).sessionSecret();
    String second = signIn(email).sessionSecret();

    sessions().signOut(first);

    assertThat(sessions().authenticate(first)).isEmpty();
    assertThat(sessions().authenticate(second)).isPresent();
  }

  @Test
  void aNewPasswordEndsEverySessionOfTheUser() {
    String email = email("change");
    userWithPassword(email, ConsoleRole.SUPPORT, null);
    String session = signIn(email).sessionSecret();

    PasswordLink reset = users().newLink(email);
    assertThat(sessions().authenticate(session)).isPresent();
    users().setPassword(reset.secret(), PASSWORD + " again", PASSWORD + " again");

    assertThat(sessions().authenticate(session)).isEmpty();
    assertThat(sessions().signIn(email, PASSWORD)).isEqualTo(new SignIn.Refused());
  }

  @Test
  void disablingEndsEverySessionAndRefusesSignInAndLinks() {
    String email = email("disabled");
    userWithPassword(email, ConsoleRole.SUPPORT, null);
    String session = signIn(email).sessionSecret();
    PasswordLink open = users().newLink(email);

    ConsoleUser disabled = users().disable(email);

    assertThat(disabled.disabled()).isTrue();
    assertThat(sessions().authenticate(session)).isEmpty();
    assertThat(sessions().signIn(email, PASSWORD)).isEqualTo(new SignIn.Refused());
    assertThat(users().check(open.secret()))
        .isEqualTo(
            new LinkCheck.Unusable(
                "This console account is disabled. Ask ClassLark support if you need access."));
  }

  @Test
  void repeatedFailedSignInsForOneEmailAreHeldBackThenAllowedAgain() {
    String email = email("guess");
    userWithPassword(email, ConsoleRole.SUPPORT, null);
    for (int i = 0; i < ConsoleSessions.FREE_FAILURES; i++) {
      assertThat(sessions().signIn(email, "wrong guess " + i)).isEqualTo(new SignIn.Refused());
    }

    assertThat(sessions().signIn(email, PASSWORD))
        .isEqualTo(new SignIn.HeldBack(Duration.ofMinutes(1)));
    assertThat(sessions().signIn(email("someone-else"), "x")).isEqualTo(new SignIn.Refused());

    clock.advance(Duration.ofMinutes(1));
    assertThat(sessions().signIn(email, "sixth wrong guess")).isEqualTo(new SignIn.Refused());
    assertThat(sessions().signIn(email, PASSWORD))
        .isEqualTo(new SignIn.HeldBack(Duration.ofMinutes(2)));

    clock.advance(Duration.ofMinutes(2));
    assertThat(sessions().signIn(email, PASSWORD)).isInstanceOf(SignIn.Started.class);
    assertThat(sessions().signIn(email, "one wrong after success")).isEqualTo(new SignIn.Refused());
    assertThat(sessions().signIn(email, PASSWORD)).isInstanceOf(SignIn.Started.class);
  }

  @Test
  void unknownEmailsAreHeldBackLikeKnownOnes() {
    String nobody = email("nobody");
    for (int i = 0; i < ConsoleSessions.FREE_FAILURES; i++) {
      assertThat(sessions().signIn(nobody, "guess")).isEqualTo(new SignIn.Refused());
    }
    assertThat(sessions().signIn(nobody, "guess"))
        .isEqualTo(new SignIn.HeldBack(Duration.ofMinutes(1)));
  }

  @Test
  void theHoldBackDoublesUpTo15Minutes() {
    assertThat(ConsoleSessions.holdBack(4)).isZero();
    assertThat(ConsoleSessions.holdBack(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(ConsoleSessions.holdBack(8)).isEqualTo(Duration.ofMinutes(8));
    assertThat(ConsoleSessions.holdBack(9)).isEqualTo(Duration.ofMinutes(15));
    assertThat(ConsoleSessions.holdBack(1000)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aSchoolAdminSeesOnlyTheirSchoolAndSupportSeesEvery() {
    Account mine = services.accounts().create("Mine " + UUID.randomUUID());
    Account other = services.accounts().create("Other " + UUID.randomUUID());
    String adminEmail = email("admin");
    String supportEmail = email("support");
    userWithPassword(adminEmail, ConsoleRole.SCHOOL_ADMIN, mine.id());
    userWithPassword(supportEmail, ConsoleRole.SUPPORT, null);
    SignedIn admin = signIn(adminEmail).signedIn();
    SignedIn support = signIn(supportEmail).signedIn();
    ConsoleSchools schools = services.console().schools();

    assertThat(schools.visible(admin, null, null, 50).schools())
        .extracting(s -> s.account().id())
        .containsExactly(mine.id());
    assertThat(schools.visible(support, null, null, 1000).schools())
        .extracting(s -> s.account().id())
        .contains(mine.id(), other.id());
    assertThat(schools.visible(support, other.name().toUpperCase(), null, 50).schools())
        .extracting(s -> s.account().id())
        .containsExactly(other.id());
    assertThat(schools.school(admin, mine.id()).school().account()).isEqualTo(mine);
    assertThat(schools.school(support, other.id()).school().account()).isEqualTo(other);
    assertThatThrownBy(() -> schools.school(admin, other.id()))
        .isInstanceOfSatisfying(
            DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(ProblemKind.NOT_FOUND));
    assertThatThrownBy(() -> ConsoleSchools.requireSupport(admin, "see every school"))
        .isInstanceOfSatisfying(
            DirectoryException.class, e -> assertThat(e.kind()).isEqualTo(ProblemKind.FORBIDDEN));
  }

  @Test
  void theScimStatusFollowsTheSchoolsTokens() {
    Account school = services.accounts().create("Tokens " + UUID.randomUUID());
    String email = email("status");
    userWithPassword(email, ConsoleRole.SCHOOL_ADMIN, school.id());
    SignedIn admin = signIn(email).signedIn();
    ConsoleSchools schools = services.console().schools();

    assertThat(schools.school(admin, school.id()).school().scim().status())
        .isEqualTo(ScimStatus.NOT_SET_UP);
    var issued = services.tokens().issue(school.id(), "idp", null);
    assertThat(schools.school(admin, school.id()).school().scim().status())
        .isEqualTo(ScimStatus.ENABLED);
    services.tokens().revoke(issued.token().id());
    assertThat(schools.school(admin, school.id()).school().scim().status())
        .isEqualTo(ScimStatus.DISABLED);
  }

  @Test
  void addRefusesATakenEmailAnUnknownSchoolAndAMismatchedRole() {
    String email = email("taken");
    users().add(email, ConsoleRole.SUPPORT, null);

    assertThatThrownBy(() -> users().add(email.toUpperCase(), ConsoleRole.SUPPORT, null))
        .hasMessage("a console user with email " + email.toUpperCase() + " already exists");
    assertThatThrownBy(() -> users().add(email("x"), ConsoleRole.SCHOOL_ADMIN, "no-such-school"))
        .hasMessage("no account with id no-such-school");
    assertThatThrownBy(() -> users().add(email("x"), ConsoleRole.SCHOOL_ADMIN, null))
        .hasMessage("a school admin needs --account, the id of their school");
    assertThatThrownBy(() -> users().add("not an email", ConsoleRole.SUPPORT, null))
        .hasMessage("email must be an email address, e.g. jane.doe@school.example");
  }
}
