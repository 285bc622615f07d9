package com.classlark.scim.console;

import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.ProblemKind;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The addresses of the Staff section's pages, and the links between the pages of its lists.
 *
 * <p>The lists page by keyset cursors, which only lead forwards; so that "Previous" works without
 * JavaScript or a session, each link carries the trail of the cursors that led to it (the last
 * {@value #MAX_TRAIL}, {@value #FIRST_PAGE} standing for the first page). Deeper than that, the
 * first page is one click away.
 */
final class SectionLinks {
  static final String CURSOR = "cursor";
  static final String TRAIL = "trail";
  static final int MAX_TRAIL = 20;
  private static final String FIRST_PAGE = "-";

  private SectionLinks() {}

  static String staff(String schoolId) {
    return ConsolePaths.school(schoolId) + "/staff";
  }

  static String staffMember(String schoolId, String staffId) {
    return staff(schoolId) + "/" + staffId;
  }

  static String groups(String schoolId) {
    return ConsolePaths.school(schoolId) + "/groups";
  }

  static String group(String schoolId, String groupId) {
    return groups(schoolId) + "/" + groupId;
  }

  /** The path with the query parameters (name, value, name, value, …); empty values left out. */
  static String withQuery(String path, List<String> parameters) {
    StringBuilder href = new StringBuilder(path);
    char separator = '?';
    for (int i = 0; i < parameters.size(); i += 2) {
      String value = parameters.get(i + 1);
      if (value == null || value.isEmpty()) {
        continue;
      }
      href.append(separator)
          .append(parameters.get(i))
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
      separator = '&';
    }
    return href.toString();
  }

  /**
   * The links of one page of a list.
   *
   * @param parameters the list's own query (search, filters), kept by every link
   * @param cursor the cursor of this page, or {@code null} on the first page
   * @param trail the cursors of the pages before this one, oldest first
   * @param nextCursor the cursor of the next page, or {@code null} on the last page
   */
  static StaffPages.Paging paging(
      String path, List<String> parameters, String cursor, List<String> trail, String nextCursor) {
    String next = null;
    if (nextCursor != null) {
      List<String> longer = new ArrayList<>(trail);
      longer.add(cursor == null ? FIRST_PAGE : cursor);
      List<String> kept = longer.subList(Math.max(0, longer.size() - MAX_TRAIL), longer.size());
      next = withQuery(path, with(parameters, kept, nextCursor));
    }
    if (cursor == null) {
      return new StaffPages.Paging(null, null, next);
    }
    String previous = null;
    if (!trail.isEmpty()) {
      String last = trail.get(trail.size() - 1);
      previous =
          withQuery(
              path,
              with(
                  parameters,
                  trail.subList(0, trail.size() - 1),
                  last.equals(FIRST_PAGE) ? null : last));
    }
    return new StaffPages.Paging(withQuery(path, parameters), previous, next);
  }

  private static List<String> with(List<String> parameters, List<String> trail, String cursor) {
    List<String> all = new ArrayList<>(parameters);
    for (String step : trail) {
      all.add(TRAIL);
      all.add(step);
    }
    all.add(CURSOR);
    all.add(cursor);
    return all;
  }

  /** What a page of a list says when the cursor of its link was refused. */
  static final String EXPIRED_PAGE =
      "That page link had expired (links to further pages work for a day), so this is the first"
          + " page again.";

  /**
   * One page of a list, read with the cursor of the request's link.
   *
   * @param cursor the cursor the page was read with, {@code null} for the first page
   * @param problem {@link #EXPIRED_PAGE} when the link's cursor was refused, else {@code null}
   */
  record Page<T>(T content, String cursor, List<String> trail, String problem) {}

  /**
   * Reads the page of the request's link ({@code cursor} and {@code trail}), or the first page when
   * the directory refuses its cursor (older than a day, or not one of this list): a stale link
   * leads somewhere useful rather than to an error.
   */
  static <T> Page<T> read(Context ctx, Function<String, T> reader) {
    String cursor = ctx.queryParam(CURSOR);
    List<String> trail = trail(ctx.queryParams(TRAIL));
    try {
      return new Page<>(reader.apply(cursor), cursor, trail, null);
    } catch (DirectoryException refused) {
      boolean cursorRefused =
          refused.kind() == ProblemKind.VALIDATION
              && refused.errors().stream().allMatch(error -> error.field().equals(CURSOR));
      if (cursor == null || !cursorRefused) {
        throw refused;
      }
      return new Page<>(reader.apply(null), null, List.of(), EXPIRED_PAGE);
    }
  }

  /** Sends the browser on to the page, which then says what was done. */
  static void redirect(Context ctx, String path, String done) {
    ctx.redirect(withQuery(path, List.of("done", done)), HttpStatus.SEE_OTHER);
  }

  /** The words for what the last redirect said was done ({@code done=…}), or {@code null}. */
  static String notice(Context ctx, Map<String, String> notices) {
    String done = ctx.queryParam("done");
    return done == null ? null : notices.get(done);
  }

  /** The trail a request carried, at most {@value #MAX_TRAIL} entries. */
  static List<String> trail(List<String> sent) {
    return sent.subList(Math.max(0, sent.size() - MAX_TRAIL), sent.size());
  }
}
