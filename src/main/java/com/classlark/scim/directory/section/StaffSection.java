package com.classlark.scim.directory.section;

import com.classlark.scim.directory.Accounts;
import com.classlark.scim.directory.ApiKeyRole;
import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.CursorPosition;
import com.classlark.scim.directory.Cursors;
import com.classlark.scim.directory.DirectoryException;
import com.classlark.scim.directory.DuplicateKeyException;
import com.classlark.scim.directory.FieldError;
import com.classlark.scim.directory.Problems;
import com.classlark.scim.directory.ReleaseStore;
import com.classlark.scim.directory.SectionPage;
import com.classlark.scim.directory.SectionQuery;
import com.classlark.scim.directory.StaffRules;
import com.classlark.scim.directory.StaffSectionStore;
import com.classlark.scim.directory.StaffStore;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.Timestamps;
import com.classlark.scim.directory.Versions;
import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.protocol.resource.ResourceLayout;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * ClassLark's Staff section: the school's staff as its admin sees and edits them, for the directory
 * API and the console alike. The records are the ones SCIM serves (same id, document and version);
 * the rules are SCIM's ({@link StaffRules}, one validator), plus the manual-edit lock: a record the
 * school's identity provider manages cannot be changed here, and the store checks that in the very
 * statement that writes, so a SCIM write racing a manual edit always wins.
 */
public final class StaffSection {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** The longest search text: an email address. */
  static final int MAX_QUERY_LENGTH = 320;

  private static final int MAX_ATTEMPTS = 20;
  private static final String WHAT = "staff member";
  private static final String ID_FIELD = "staffId";

  private final Accounts accounts;
  private final StaffStore store;
  private final StaffSectionStore section;
  private final ReleaseStore releases;
  private final Cursors cursors;
  private final Clock clock;

  public StaffSection(
      Accounts accounts,
      StaffStore store,
      StaffSectionStore section,
      ReleaseStore releases,
      Cursors cursors,
      Clock clock) {
    this.accounts = accounts;
    this.store = store;
    this.section = section;
    this.releases = releases;
    this.cursors = cursors;
    this.clock = clock;
  }

  /**
   * The query of a Staff section page as a caller wrote it; every part may be null (not given).
   *
   * @param q a prefix of the email, given or family name, any case
   * @param active {@code true} or {@code false}
   * @param managed {@code true} or {@code false}
   * @param limit 1 to {@value #MAX_LIMIT}; {@value #DEFAULT_LIMIT} when not given
   * @param cursor a {@link Listing#nextCursor()} of the same query
   */
  public record ListParameters(
      String q, String active, String managed, String limit, String cursor) {}

  /** A page of the Staff section; {@code nextCursor} is null on the last page. */
  public record Listing(List<StaffMember> items, String nextCursor) {}

  /** One page of the school's live staff, by family name, then given name. */
  public Listing list(Caller caller, String accountId, ListParameters parameters) {
    caller.require(ApiKeyRole.APP, "read the Staff section");
    requireSchool(accountId);
    List<FieldError> errors = new ArrayList<>();
    String q = parameters.q() == null ? null : parameters.q().strip().toLowerCase(Locale.ROOT);
    if (q != null && q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
      errors.add(new FieldError("q", "must be at most " + MAX_QUERY_LENGTH + " characters long"));
    }
    Boolean active = Parameters.bool("active", parameters.active(), errors);
    Boolean managed = Parameters.bool("managed", parameters.managed(), errors);
    int limit = Parameters.limit(parameters.limit(), DEFAULT_LIMIT, MAX_LIMIT, errors);
    String fingerprint = "staff-section|" + q + "|" + active + "|" + managed;
    List<String> after =
        Parameters.after(cursors, accountId, fingerprint, parameters.cursor(), 3, errors);
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    SectionPage page =
        section.staff(
            accountId,
            new SectionQuery(q == null || q.isEmpty() ? null : q, active, managed, after, limit));
    return new Listing(
        page.items().stream().map(StaffMember::of).toList(),
        page.nextKey() == null
            ? null
            : cursors.encode(accountId, fingerprint, new CursorPosition(page.nextKey(), false)));
  }

  /** One live staff member of the school. */
  public StaffMember get(Caller caller, String accountId, String staffId) {
    caller.require(ApiKeyRole.APP, "read the Staff section");
    return StaffMember.of(current(accountId, staffId));
  }

  /**
   * Creates a staff member by hand: never SCIM-managed, until the identity provider adopts it (by
   * its externalId) or writes it.
   *
   * @param body {@code email}, {@code givenName}, {@code familyName}, {@code userType} (required),
   *     {@code active} (default true), {@code externalId}, {@code subjects}, {@code room}, {@code
   *     meetingUrl}
   */
  public StaffMember create(Caller caller, String accountId, JsonNode body) {
    caller.require(ApiKeyRole.APP, "create staff");
    requireSchool(accountId);
    ObjectNode document = applied(Json.object(), body, true);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      refuseTakenEmail(accountId, null, document);
      Instant now = Timestamps.now(clock);
      StoredResource staff =
          new StoredResource(UUID.randomUUID().toString(), document, now, now, 1, false);
      try {
        store.insertByHand(accountId, staff, caller);
        return StaffMember.of(staff);
      } catch (DuplicateKeyException e) {
        // Taken meanwhile: the next attempt names the holder, or succeeds if it was retired.
      }
    }
    throw changedTooOften(accountId, null);
  }

  /**
   * Applies a JSON merge patch (RFC 7396) of the Staff section's fields to a hand-made record. A
   * field set to null is cleared (refused for a required one); an unknown field is refused.
   *
   * @param ifMatch the {@code If-Match} the caller sent, or null
   */
  public StaffMember edit(
      Caller caller, String accountId, String staffId, JsonNode patch, String ifMatch) {
    caller.require(ApiKeyRole.APP, "edit staff");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = unlocked(accountId, staffId, ifMatch);
      ObjectNode document = applied(existing.document().deepCopy(), patch, false);
      if (document.equals(existing.document())) {
        return StaffMember.of(existing);
      }
      refuseTakenEmail(accountId, staffId, document);
      StoredResource changed =
          new StoredResource(
              staffId,
              document,
              existing.created(),
              Timestamps.now(clock),
              existing.version() + 1,
              false);
      try {
        if (store.updateByHand(
            accountId,
            existing,
            changed,
            ChangedAttributes.between(existing.document(), document),
            caller)) {
          return StaffMember.of(changed);
        }
      } catch (DuplicateKeyException e) {
        // Taken meanwhile: the next attempt names the holder.
      }
    }
    throw changedTooOften(accountId, staffId);
  }

  /**
   * Removes a hand-made record as SCIM's DELETE does: it is deactivated and retired (no longer
   * listed or served, out of every group, its email free again) and stays in ClassLark's history.
   */
  public void remove(Caller caller, String accountId, String staffId, String ifMatch) {
    caller.require(ApiKeyRole.APP, "remove staff");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = unlocked(accountId, staffId, ifMatch);
      ObjectNode document = existing.document().deepCopy();
      document.put("active", false);
      StoredResource retired =
          new StoredResource(
              staffId,
              document,
              existing.created(),
              Timestamps.now(clock),
              existing.version() + 1,
              false);
      if (store.retireByHand(accountId, retired, existing.version(), caller)) {
        return;
      }
    }
    throw changedTooOften(accountId, staffId);
  }

  /**
   * Support's release of one staff member from SCIM management: editable by hand again until the
   * identity provider writes it again. Releasing a record that is not managed changes nothing.
   */
  public StaffMember release(Caller caller, String accountId, String staffId) {
    caller.require(ApiKeyRole.SUPPORT, "release staff from SCIM");
    requireSchool(accountId);
    return StaffMember.of(
        releases
            .releaseStaff(accountId, staffId, Timestamps.now(clock), caller)
            .orElseThrow(() -> Problems.notFound(WHAT, ID_FIELD, staffId)));
  }

  private StoredResource current(String accountId, String staffId) {
    requireSchool(accountId);
    return store
        .find(accountId, staffId)
        .orElseThrow(() -> Problems.notFound(WHAT, ID_FIELD, staffId));
  }

  private StoredResource unlocked(String accountId, String staffId, String ifMatch) {
    return ManualLock.unlocked(current(accountId, staffId), WHAT, ID_FIELD, ifMatch);
  }

  private void requireSchool(String accountId) {
    ManualLock.requireSchool(accounts, accountId);
  }

  /**
   * The document with the sent fields applied, checked by the shape of each field and by {@link
   * StaffRules}: every wrong field is named at once.
   */
  static ObjectNode applied(ObjectNode base, JsonNode body, boolean creating) {
    if (body == null || !body.isObject()) {
      throw Problems.validation(
          List.of(
              new FieldError(
                  "body", "must be a JSON object with the fields to set: " + StaffField.NAMES)));
    }
    List<FieldError> errors = new ArrayList<>();
    Set<String> wrong = new LinkedHashSet<>();
    ObjectNode document = base;
    for (Map.Entry<String, JsonNode> entry : body.properties()) {
      Optional<StaffField> field = StaffField.named(entry.getKey());
      if (field.isEmpty()) {
        errors.add(
            new FieldError(
                entry.getKey(),
                "is not a field that can be set here; the fields are " + StaffField.NAMES));
        continue;
      }
      StaffField.Result result = field.get().accept(entry.getValue());
      if (result.refusal() != null) {
        errors.add(new FieldError(entry.getKey(), result.refusal()));
        wrong.add(entry.getKey());
      } else {
        field.get().write(document, result.value());
      }
    }
    if (creating) {
      for (StaffField field : StaffField.requiredOnCreate()) {
        if (!body.has(field.apiName)) {
          errors.add(new FieldError(field.apiName, "is required"));
        }
      }
      if (!document.has("active")) {
        document.put("active", true);
      }
    }
    document = ResourceLayout.withSchemas(ResourceTypes.USER, document);
    for (StaffRules.Violation violation : StaffRules.violations(document)) {
      String name = StaffField.apiNameOf(violation.attribute());
      if (!wrong.contains(name)) {
        errors.add(new FieldError(name, violation.rule()));
      }
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return document;
  }

  /** Refuses an email that another live record of the school has. */
  private void refuseTakenEmail(String accountId, String staffId, ObjectNode document) {
    String email = StaffField.EMAIL.read(document).asText();
    Optional<StoredResource> holder = store.findByUserName(accountId, email);
    if (holder.isPresent() && !holder.get().id().equals(staffId)) {
      throw Problems.duplicateEmail(holder.get().id());
    }
  }

  /**
   * The refusal of a change that lost to concurrent writes of the same record again and again: the
   * caller reads it again, as after a version mismatch.
   */
  private DirectoryException changedTooOften(String accountId, String staffId) {
    String version =
        staffId == null
            ? "(new)"
            : store
                .find(accountId, staffId)
                .map(current -> Versions.etag(current.version()))
                .orElse("(removed)");
    return Problems.versionMismatch(version);
  }
}
