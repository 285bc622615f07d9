package com.classlark.scim.directory;

import com.classlark.scim.directory.events.ChangeEvents;
import com.classlark.scim.directory.log.ChangedAttributes;
import com.classlark.scim.protocol.error.ScimException;
import com.classlark.scim.protocol.filter.FilterLimits;
import com.classlark.scim.protocol.filter.FilterParser;
import com.classlark.scim.protocol.patch.PatchEngine;
import com.classlark.scim.protocol.patch.PatchOperation;
import com.classlark.scim.protocol.patch.PatchRequest;
import com.classlark.scim.protocol.resource.ResourceReader;
import com.classlark.scim.protocol.resource.ResourceReplacement;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.MultiValueLimit;
import com.classlark.scim.protocol.schema.ResourceTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * ClassLark staff as SCIM Users: creation (with adoption of hand-made records), reads, replacement
 * and retirement, following the lifecycle rules of DESIGN.md. Every write is validated by the
 * schema and {@link StaffRules}, and concurrent writes to one record never lose an update
 * (versioned updates, retried on conflict).
 */
public final class Staff {
  private static final int MAX_ATTEMPTS = 20;

  private final StaffStore store;
  private final Clock clock;
  private final MultiValueLimit valueLimit;
  private final AccountStore accounts;

  private final FilterParser paths;

  /**
   * @param valueLimit the most values of each multi-valued attribute a staff member may have
   * @param filterLimits the limits of PATCH paths, the service's configured filter limits
   * @param accounts where a school's default user type is read
   */
  public Staff(
      StaffStore store,
      Clock clock,
      MultiValueLimit valueLimit,
      FilterLimits filterLimits,
      AccountStore accounts) {
    this.store = store;
    this.clock = clock;
    this.valueLimit = valueLimit;
    this.paths = new FilterParser(filterLimits);
    this.accounts = accounts;
  }

  /**
   * The body with the school's default user type when the client sent no {@code userType} (absent,
   * null or empty, under any capitalisation of the name); a value the client sent is never
   * replaced, and without a default the body is unchanged, so {@code userType} stays required.
   */
  private JsonNode withDefaultUserType(String accountId, JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      return body;
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      JsonNode value = field.getValue();
      if (field.getKey().equalsIgnoreCase("userType")
          && !value.isNull()
          && !(value.isTextual() && value.textValue().isEmpty())) {
        return body;
      }
    }
    Optional<String> userType = accounts.find(accountId).flatMap(Account::defaultUserTypeIfSet);
    if (userType.isEmpty()) {
      return body;
    }
    ObjectNode withDefault = object.deepCopy();
    List<String> sentNames =
        object.properties().stream()
            .map(Map.Entry::getKey)
            .filter(name -> name.equalsIgnoreCase("userType"))
            .toList();
    withDefault.remove(sentNames);
    withDefault.put("userType", userType.get());
    return withDefault;
  }

  /**
   * Creates a staff member from a POST body, or adopts the school's hand-made record with the same
   * externalId. The result is SCIM-managed. A body without {@code userType} gets the school's
   * default user type, if support gave it one.
   */
  public Written create(String accountId, JsonNode body) {
    checkValueCounts(body);
    List<String> password = passwordSent(body) ? List.of(PASSWORD) : List.of();
    ObjectNode document =
        validated(ResourceReader.read(ResourceTypes.USER, withDefaultUserType(accountId, body)));
    String externalId = document.path("externalId").asText(null);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<StoredResource> adoptable =
          externalId == null ? Optional.empty() : store.findAdoptable(accountId, externalId);
      if (adoptable.isEmpty()) {
        StoredResource created = insert(accountId, document, true);
        return new Written(created, withPassword(ChangedAttributes.of(document), password));
      }
      StoredResource existing = adoptable.get();
      StoredResource adopted = existing.changedTo(document, now());
      List<String> changes =
          withPassword(ChangedAttributes.between(existing.document(), document), password);
      if (write(accountId, existing, adopted, changes)) {
        return new Written(adopted, changes);
      }
    }
    throw conflictPersisted();
  }

  /**
   * Creates a staff member by hand, as ClassLark's own interfaces do for schools without SCIM. The
   * record is visible to SCIM queries and is not SCIM-managed until SCIM first writes it.
   */
  public StoredResource createByHand(String accountId, JsonNode body) {
    checkValueCounts(body);
    return insert(accountId, validated(ResourceReader.read(ResourceTypes.USER, body)), false);
  }

  private StoredResource insert(String accountId, ObjectNode document, boolean scimManaged) {
    Instant now = now();
    StoredResource staff =
        new StoredResource(UUID.randomUUID().toString(), document, now, now, 1, scimManaged);
    try {
      store.insert(accountId, staff);
    } catch (DuplicateKeyException e) {
      throw userNameTaken(accountId, document);
    }
    return staff;
  }

  /** One page of the school's live staff. */
  public ListPage list(String accountId, ListRequest request) {
    return store.list(accountId, request);
  }

  /** The live staff member, or 404. */
  public StoredResource get(String accountId, String staffId) {
    return store.find(accountId, staffId).orElseThrow(() -> notFound(staffId));
  }

  /** {@link #get}, with the document as its stored text, for a read that only writes it out. */
  public StoredDocument getDocument(String accountId, String staffId) {
    return store.findDocument(accountId, staffId).orElseThrow(() -> notFound(staffId));
  }

  /** The live staff member with this userName (ignoring case), as stored text: at most one. */
  public List<StoredDocument> documentsByUserName(String accountId, String userName) {
    return store.findDocumentsByUserName(accountId, userName);
  }

  /** Live staff with this externalId, oldest first, at most {@code limit}, as stored text. */
  public List<StoredDocument> documentsByExternalId(
      String accountId, String externalId, int limit) {
    return store.findDocumentsByExternalId(accountId, externalId, limit);
  }

  /**
   * Replaces a staff member (PUT, RFC 7644 §3.5.1): readOnly attributes keep their values, a
   * changed immutable one is refused, required ones must be present.
   *
   * @param precondition checked against the current version before writing (ETag {@code If-Match})
   */
  public Written replace(
      String accountId, String staffId, JsonNode body, Precondition precondition) {
    checkValueCounts(body);
    ObjectNode incoming =
        ResourceReader.read(ResourceTypes.USER, withDefaultUserType(accountId, body));
    Written written =
        update(
            accountId,
            staffId,
            precondition,
            existing -> ResourceReplacement.replace(ResourceTypes.USER, existing, incoming));
    return passwordSent(body)
        ? new Written(written.resource(), withPassword(written.changes(), List.of(PASSWORD)))
        : written;
  }

  /**
   * Applies a PATCH request (RFC 7644 §3.5.2) atomically: every operation or none, the result
   * checked by the same rules as POST and PUT, the version unchanged when nothing changed.
   */
  public Written patch(String accountId, String staffId, JsonNode body, Precondition precondition) {
    List<PatchOperation> operations = PatchRequest.parse(body, paths);
    checkValueCounts(operations);
    Written written =
        update(
            accountId,
            staffId,
            precondition,
            existing ->
                keepsActive(
                    ResourceReader.read(
                        ResourceTypes.USER,
                        PatchEngine.apply(
                            ResourceTypes.USER, existing, staffId, operations, paths))));
    return passwordPatched(operations)
        ? new Written(written.resource(), withPassword(written.changes(), List.of(PASSWORD)))
        : written;
  }

  private static final String PASSWORD = "password";

  /** True when a body sends {@code password} (any capitalisation), which is never stored. */
  private static boolean passwordSent(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (field.getKey().equalsIgnoreCase(PASSWORD)) {
        return true;
      }
    }
    return false;
  }

  /** True when a PATCH sets {@code password}, by path or in a pathless value. */
  private static boolean passwordPatched(List<PatchOperation> operations) {
    for (PatchOperation operation : operations) {
      if (operation.path() != null) {
        AttrPath path = operation.path().attribute();
        if (path.attribute().equalsIgnoreCase(PASSWORD)) {
          return true;
        }
      } else if (operation.value() != null && passwordSent(operation.value())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> withPassword(List<String> changes, List<String> password) {
    if (password.isEmpty() || changes.contains(PASSWORD)) {
      return changes;
    }
    java.util.TreeSet<String> names = new java.util.TreeSet<>(changes);
    names.addAll(password);
    return List.copyOf(names);
  }

  /**
   * Refuses a PATCH that removes or clears {@code active}. RFC 7644 §3.5.2.2 leaves a removed
   * attribute unassigned, and an unassigned {@code active} would read as the default, true: a
   * remove would reactivate a deactivated staff member. Deactivation is {@code active: false} and
   * reactivation {@code active: true}; nothing else changes it.
   */
  private static ObjectNode keepsActive(ObjectNode patched) {
    if (!patched.hasNonNull("active")) {
      throw ScimException.mutability(
          "active cannot be removed or cleared: to deactivate the staff member replace it with"
              + " false, to reactivate them with true.");
    }
    return patched;
  }

  /**
   * Refuses a PATCH whose values hold more values for one attribute than the limit allows, before
   * they are applied: applying them costs time with the square of their number, and the result
   * would be refused anyway.
   */
  private void checkValueCounts(List<PatchOperation> operations) {
    for (PatchOperation operation : operations) {
      JsonNode value = operation.value();
      if (value != null && value.isArray() && operation.path() != null) {
        AttrPath path = operation.path().attribute();
        valueLimit.checkCount(
            (path.schemaUrn() == null ? "" : path.schemaUrn() + ":") + path.attribute(),
            value.size());
      } else if (value != null) {
        checkValueCounts(value);
      }
    }
  }

  /**
   * Refuses a body (or a PATCH value object) with more values in a list than the limit allows,
   * before it is read: reading copies every value, twice, and a body full of tiny values would take
   * tens of megabytes to be refused afterwards. Looks at the lists of the object and of the objects
   * in it (extension attributes under their URN), by the names the client used.
   */
  private void checkValueCounts(JsonNode body) {
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (field.getValue().isArray()) {
        valueLimit.checkCount(field.getKey(), field.getValue().size());
      }
      for (Map.Entry<String, JsonNode> inner : field.getValue().properties()) {
        if (inner.getValue().isArray()) {
          valueLimit.checkCount(field.getKey() + ":" + inner.getKey(), inner.getValue().size());
        }
      }
    }
  }

  /**
   * Applies {@code change} to the current document and writes the result if it differs, retrying on
   * a concurrent write so that no update is lost.
   */
  public Written update(
      String accountId,
      String staffId,
      Precondition precondition,
      UnaryOperator<ObjectNode> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = get(accountId, staffId);
      precondition.check(existing);
      ObjectNode document = validated(change.apply(existing.document().deepCopy()));
      if (document.equals(existing.document()) && existing.scimManaged()) {
        return new Written(existing, List.of());
      }
      StoredResource changed = existing.changedTo(document, now());
      List<String> changes = ChangedAttributes.between(existing.document(), document);
      if (write(accountId, existing, changed, changes)) {
        return new Written(changed, changes);
      }
    }
    throw conflictPersisted();
  }

  /**
   * DELETE: retires the record from SCIM (see {@link StaffStore#retire}).
   *
   * @return the record as retired
   */
  public StoredResource retire(String accountId, String staffId, Precondition precondition) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      StoredResource existing = get(accountId, staffId);
      precondition.check(existing);
      ObjectNode document = existing.document().deepCopy();
      document.put("active", false);
      StoredResource retired = existing.changedTo(document, now());
      if (store.retire(accountId, retired, existing.version())) {
        return retired;
      }
    }
    throw conflictPersisted();
  }

  /**
   * Writes {@code changed} over {@code existing}; its event names the changed attributes, and
   * {@code managedBy} when SCIM takes over a record made by hand.
   */
  private boolean write(
      String accountId, StoredResource existing, StoredResource changed, List<String> changes) {
    List<String> eventChanges = changes;
    if (!existing.scimManaged()) {
      java.util.TreeSet<String> names = new java.util.TreeSet<>(changes);
      names.add(ChangeEvents.MANAGED_BY);
      eventChanges = List.copyOf(names);
    }
    try {
      return store.update(accountId, existing, changed, eventChanges);
    } catch (DuplicateKeyException e) {
      throw userNameTaken(accountId, changed.document());
    }
  }

  /**
   * The checks every write passes, whatever its kind (POST, PUT, the result of a PATCH, a Bulk
   * operation, a manual edit).
   */
  private ObjectNode validated(ObjectNode document) {
    if (!document.has("active")) {
      document.put("active", true);
    }
    valueLimit.check(ResourceTypes.USER, document);
    StaffRules.validate(document);
    return document;
  }

  private Instant now() {
    return Timestamps.now(clock);
  }

  /**
   * The refusal of a userName another live record has. When that record was made by hand in
   * ClassLark, the detail says how the identity provider can take it over instead (adoption by
   * externalId, DESIGN.md "Lifecycle rules").
   */
  private ScimException userNameTaken(String accountId, ObjectNode document) {
    String userName = document.path("userName").asText();
    boolean handMade =
        store
            .findByUserName(accountId, userName)
            .map(holder -> !holder.scimManaged())
            .orElse(false);
    if (handMade) {
      return ScimException.uniqueness(
          "userName '"
              + userName
              + "' belongs to a staff member that was created in ClassLark, not by this identity"
              + " provider (compared ignoring case). To take that record over, send its externalId,"
              + " shown in ClassLark's Staff section, with this request: a POST with that"
              + " externalId adopts it.");
    }
    return ScimException.uniqueness(
        "userName '"
            + userName
            + "' is already taken by another staff member of this school (compared ignoring case).");
  }

  static ScimException notFound(String staffId) {
    return ScimException.notFound("No User with id " + staffId + " exists in this school.");
  }

  private static ScimException conflictPersisted() {
    return ScimException.conflict(
        "The User changed concurrently too often to apply this request; retry it.");
  }
}
