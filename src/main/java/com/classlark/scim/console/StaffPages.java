package com.classlark.scim.console;

import java.util.List;

/**
 * The models of the Staff section's pages (staff, a staff member, groups, a group), one record per
 * template; every value is ready to print.
 */
public final class StaffPages {
  private StaffPages() {}

  /**
   * The links between the pages of a keyset-paged list; each is {@code null} when there is no such
   * page.
   */
  public record Paging(String firstHref, String previousHref, String nextHref) {
    public boolean any() {
      return firstHref != null || previousHref != null || nextHref != null;
    }
  }

  /**
   * A field of a form, with the error of the last attempt next to it.
   *
   * @param type the input's type ({@code text}, {@code email}, {@code url}), or {@code select} for
   *     a choice among {@code options}
   * @param error what is wrong with the value, or {@code null}
   * @param help a hint shown under the label, or {@code null}
   */
  public record FormField(
      String name,
      String label,
      String type,
      String value,
      String error,
      boolean required,
      String help,
      List<String> options,
      String autocomplete) {
    /** A field typed in, without autocompletion (its values are other people's, not the user's). */
    static FormField typed(
        String name,
        String label,
        String type,
        String value,
        String error,
        boolean required,
        String help) {
      return new FormField(name, label, type, value, error, required, help, List.of(), "off");
    }

    public boolean select() {
      return type.equals("select");
    }

    public String helpId() {
      return help == null ? null : name + "-help";
    }

    public String errorId() {
      return error == null ? null : name + "-error";
    }

    /** The ids of the hint and the error, for {@code aria-describedby}; null when neither. */
    public String describedBy() {
      String ids =
          ((helpId() == null ? "" : helpId()) + " " + (errorId() == null ? "" : errorId()));
      return ids.isBlank() ? null : ids.strip();
    }
  }

  /**
   * A form that changes something.
   *
   * @param version the version of the record the form was filled from, or {@code null}
   * @param problems what went wrong with the last attempt, in plain words; empty at first
   */
  public record Form(
      String action,
      String submitLabel,
      String version,
      List<FormField> fields,
      List<String> problems) {
    public boolean hasErrors() {
      return !problems.isEmpty() || fields.stream().anyMatch(field -> field.error() != null);
    }
  }

  /** A label and its value, for a record shown read-only. */
  public record Fact(String label, String value) {}

  /**
   * The staff of a school: search, filters, one page of rows.
   *
   * @param active {@code ""}, {@code "true"} or {@code "false"}, as the filter was chosen
   * @param managed {@code ""}, {@code "true"} or {@code "false"}
   * @param problem why the list could not be shown as asked, or {@code null}
   */
  public record StaffList(
      Chrome chrome,
      String action,
      String search,
      String active,
      String managed,
      List<StaffRow> rows,
      Paging paging,
      String addHref,
      String notice,
      String problem) {}

  /** A staff member in the list. */
  public record StaffRow(
      String href,
      String name,
      String email,
      String type,
      String room,
      String subjects,
      boolean active,
      boolean managed) {}

  /**
   * A staff member's page: read-only for a managed record, with the edit form and the
   * deactivate/reactivate/remove buttons for a hand-made one.
   *
   * @param form the edit form, {@code null} for a managed record
   */
  public record StaffMember(
      Chrome chrome,
      String name,
      String backHref,
      boolean managed,
      boolean active,
      String notice,
      List<Fact> facts,
      Form form,
      String activeAction,
      String removeHref) {}

  /** A page with one form that creates something (a staff member, a group). */
  public record FormPage(
      Chrome chrome, String backHref, String backLabel, String intro, Form form) {}

  /** A confirmation step before something that cannot be undone here. */
  public record Confirm(
      Chrome chrome,
      String message,
      String action,
      String buttonLabel,
      String cancelHref,
      String cancelLabel) {}

  /** The groups of a school, a page at a time. */
  public record GroupList(
      Chrome chrome,
      List<GroupRow> rows,
      Paging paging,
      String addHref,
      String notice,
      String problem) {}

  /** A group in the list. */
  public record GroupRow(String href, String name, String members, boolean managed) {}

  /**
   * A group's page: its members a page at a time, and for a hand-made group the forms that rename
   * it, add and remove members, and delete it.
   *
   * @param rename {@code null} for a managed group (so are the other forms)
   */
  public record Group(
      Chrome chrome,
      String name,
      String backHref,
      boolean managed,
      String notice,
      String problem,
      List<Fact> facts,
      List<MemberRow> members,
      Paging paging,
      Form rename,
      Form addMember,
      String removeMemberAction,
      String deleteHref) {}

  /** A member in a group's list. */
  public record MemberRow(String id, String href, String name, String email) {}
}
