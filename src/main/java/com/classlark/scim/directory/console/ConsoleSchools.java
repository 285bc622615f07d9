package com.classlark.scim.directory.console;

import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.School;
import com.classlark.scim.directory.SchoolListing;
import com.classlark.scim.directory.Schools;
import com.classlark.scim.directory.Tokens;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The schools a console user may see, and the one place that says which: support sees every school,
 * a school admin only their own. Every console page that shows a school asks here, so another
 * school's id is "not found" for a school admin on every page, as it is on the APIs. The schools
 * themselves come from {@link Schools}, as the directory API reads them.
 */
public final class ConsoleSchools {
  private final Schools schools;
  private final Tokens tokens;
  private final Clock clock;

  public ConsoleSchools(Schools schools, Tokens tokens, Clock clock) {
    this.schools = schools;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * The directory caller a console user acts as: support with support's role, a school admin with
   * the application's, which {@link #school} and {@link #visible} confine to their own school.
   */
  public static Caller caller(SignedIn signedIn) {
    ConsoleUser user = signedIn.user();
    return new Caller(
        switch (user.role()) {
          case SUPPORT -> ApiKeyRole.SUPPORT;
          case SCHOOL_ADMIN -> ApiKeyRole.APP;
        },
        null,
        user.email());
  }

  /**
   * A page of the schools this user may see whose name contains {@code search} (any case), by name,
   * without their counts: support pages through every school, a school admin sees theirs.
   *
   * @param search the text to look for, or {@code null} or blank for every school
   * @param after the {@link SchoolListing#nextCursor} of the previous page, or {@code null}
   */
  public SchoolListing visible(SignedIn signedIn, String search, String after, int limit) {
    return switch (signedIn.user().role()) {
      case SUPPORT -> schools.page(caller(signedIn), search, after, limit);
      case SCHOOL_ADMIN -> {
        School own = schools.get(caller(signedIn), signedIn.user().accountId());
        String wanted = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        yield new SchoolListing(
            after == null && own.account().name().toLowerCase(Locale.ROOT).contains(wanted)
                ? List.of(own)
                : List.of(),
            null);
      }
    };
  }

  /**
   * One school with its counts and tokens, if this user may see it.
   *
   * @throws DirectoryException {@code NOT_FOUND} for a school that does not exist or that this user
   *     may not see, alike
   */
  public SchoolSummary school(SignedIn signedIn, String schoolId) {
    Objects.requireNonNull(schoolId, "schoolId");
    if (!signedIn.user().canSee(schoolId)) {
      throw Problems.schoolNotFound(schoolId);
    }
    School school = schools.get(caller(signedIn), schoolId);
    return new SchoolSummary(school, tokens.list(schoolId), clock.instant());
  }

  /**
   * The directory caller for an operation on one school's staff or groups, if this user may see the
   * school; the operation itself checks that the school exists.
   *
   * @throws DirectoryException {@code NOT_FOUND} for a school that this user may not see, as for
   *     one that does not exist
   */
  public static Caller actingOn(SignedIn signedIn, String schoolId) {
    Objects.requireNonNull(schoolId, "schoolId");
    if (!signedIn.user().canSee(schoolId)) {
      throw Problems.schoolNotFound(schoolId);
    }
    return caller(signedIn);
  }

  /**
   * Refuses a page or an operation that only support may use.
   *
   * @param operation what the user tried, in words ("see every school")
   * @throws DirectoryException {@code FORBIDDEN} for anyone but support
   */
  public static void requireSupport(SignedIn signedIn, String operation) {
    caller(signedIn).require(ApiKeyRole.SUPPORT, operation);
  }
}
