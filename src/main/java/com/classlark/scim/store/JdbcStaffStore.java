package com.classlark.scim.store;

import com.classlark.scim.directory.Caller;
import com.classlark.scim.directory.DuplicateKeyException;
import com.classlark.scim.directory.ListPage;
import com.classlark.scim.directory.ListRequest;
import com.classlark.scim.directory.StaffStore;
import com.classlark.scim.directory.StoredDocument;
import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.events.ChangeEvents;
import com.classlark.scim.directory.events.EventSource;
import com.classlark.scim.protocol.schema.ResourceTypes;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link StaffStore} over JDBC: the document plus typed columns, one short transaction per write.
 */
public final class JdbcStaffStore implements StaffStore {
  private static final int EMAIL_BATCH_ROWS = 50;

  /** One live staff member by id: the primary key. */
  static final String FIND =
      "SELECT "
          + ResourceRows.COLUMNS
          + " FROM staff WHERE account_id = ? AND id = ? AND retired_at IS NULL";

  /**
   * Live staff by userName, as the filter {@code userName eq} finds them: the folded value on the
   * expression of the unique index {@code staff_live_user_name} (see {@link FilterSql}), so at most
   * one. That index is its one right plan whatever the table's size, so PostgreSQL may keep a
   * generic plan for it (GenericPlansTest).
   */
  static final String FIND_BY_USER_NAME =
      "SELECT "
          + ResourceRows.columns("s")
          + " FROM staff s WHERE s.account_id = ? AND s.retired_at IS NULL AND ("
          + QueryTable.LIVE_USER_NAME_KEY
          + " = ?)";

  /**
   * Live staff by externalId, as the filter {@code externalId eq} finds them, in the listing's
   * default order, at most {@code ?}. The index led by the value and the school, in that order, is
   * its one right plan whatever the table's size, so PostgreSQL may keep a generic plan for it
   * (GenericPlansTest).
   */
  static final String FIND_BY_EXTERNAL_ID =
      "SELECT "
          + ResourceRows.columns("s")
          + " FROM staff s WHERE s.account_id = ? AND s.retired_at IS NULL AND (s.external_id IS NOT"
          + " NULL AND s.external_id = ?) ORDER BY s.created_at ASC, s.id ASC LIMIT ?";

  /**
   * The record a SCIM create with this externalId adopts (see {@code Staff}): live, not yet under
   * the SCIM lock, the oldest first. On the create's path, so prepared with a cached plan: led by
   * the value, {@code staff_by_external_id} is its one right index ({@code GenericPlansTest}).
   */
  static final String FIND_ADOPTABLE =
      "SELECT "
          + ResourceRows.COLUMNS
          + " FROM staff WHERE account_id = ? AND external_id = ? AND retired_at IS NULL AND"
          + " scim_managed = ? ORDER BY created_at, id LIMIT 1";

  /** A new staff member's row. */
  static final String INSERT =
      "INSERT INTO staff (account_id, id, user_name, user_name_key, external_id, given_name,"
          + " given_name_key, family_name, family_name_key, display_name, display_name_key,"
          + " user_type, active, scim_managed, created_at, last_modified, version, document)"
          + " VALUES (:account, :id, :userName, :userNameKey, :externalId, :givenName,"
          + " :givenNameKey, :familyName, :familyNameKey, :displayName, :displayNameKey,"
          + " :userType, :active, :scimManaged, :created, :lastModified, :version, :document)";

  /**
   * The most emails a new staff member may have for the create to be one statement on PostgreSQL:
   * each number of emails is a statement of its own that a connection prepares.
   */
  private static final int ONE_STATEMENT_EMAILS = 3;

  /** The head of an insert of email rows, their values to follow. */
  private static final String INSERT_EMAILS =
      "INSERT INTO staff_emails (account_id, staff_id, position, value, value_key, type,"
          + " type_key, is_primary) VALUES ";

  /**
   * A SCIM create on PostgreSQL as one statement, by its number of emails (0 to {@link
   * #ONE_STATEMENT_EMAILS}): the record, its email rows, its count and its event. Made once.
   */
  private static final List<String> CREATE_WITH_EVENT =
      java.util.stream.IntStream.rangeClosed(0, ONE_STATEMENT_EMAILS)
          .mapToObj(
              emails ->
                  emails == 0
                      ? Outbox.withEvent(INSERT, StaffCounts.ONE_MORE)
                      : Outbox.withEvent(INSERT, emailsInsert(emails), StaffCounts.ONE_MORE))
          .toList();

  /** The email rows (one or more) of a new staff member, a part of its create's one statement. */
  private static String emailsInsert(int emails) {
    StringBuilder insert = new StringBuilder(INSERT_EMAILS);
    for (int i = 0; i < emails; i++) {
      insert
          .append(i == 0 ? "" : ", ")
          .append("(:account, :id, :position")
          .append(i)
          .append(", :value")
          .append(i)
          .append(", :valueKey")
          .append(i)
          .append(", :type")
          .append(i)
          .append(", :typeKey")
          .append(i)
          .append(", :primary")
          .append(i)
          .append(')');
    }
    return insert.toString();
  }

  private static void bindEmails(Update statement, List<StaffColumns.Email> emails) {
    for (int i = 0; i < emails.size(); i++) {
      StaffColumns.Email email = emails.get(i);
      statement
          .bind("position" + i, email.position())
          .bind("value" + i, email.value())
          .bind("valueKey" + i, StaffColumns.key(email.value()))
          .bind("type" + i, email.type())
          .bind("typeKey" + i, StaffColumns.key(email.type()))
          .bind("primary" + i, email.primary());
    }
  }

  /**
   * An edit of a live staff member at the version it was read at; {@code assignments} are the
   * search columns that change, each followed by a comma. Its plan, like {@link #RETIRE}'s and
   * {@link #DELETE_EMAILS}', is the primary key whatever the table's size (GenericPlansTest).
   */
  static String edit(CharSequence assignments, boolean byHand) {
    return "UPDATE staff SET "
        + assignments
        + "scim_managed = :scimManaged, last_modified = :lastModified, version = :version,"
        + " document = :document WHERE account_id = :account AND id = :id AND version = :expected"
        + " AND retired_at IS NULL"
        + (byHand ? " AND scim_managed = :unmanaged" : "");
  }

  /** Retires a live staff member at the version it was read at; see {@link #edit}. */
  static final String RETIRE =
      "UPDATE staff SET retired_at = ?, active = ?, last_modified = ?, version = ?, document = ?"
          + " WHERE account_id = ? AND id = ? AND version = ? AND retired_at IS NULL";

  /** A staff member's email rows: the leading columns of their primary key. */
  static final String DELETE_EMAILS =
      "DELETE FROM staff_emails WHERE account_id = ? AND staff_id = ?";

  private final Jdbi jdbi;
  private final ResourceQueries queries;
  private final Outbox outbox;

  /**
   * On PostgreSQL a SCIM create, and a SCIM edit that is one UPDATE, are sent with their event as
   * one statement in autocommit ({@link Outbox#withEvent}): a PATCH went from 818 to 1,056 req/s
   * (docs/benchmarks.md, "Writes of one statement").
   */
  private final boolean postgres;

  private final GroupMemberships memberships;
  private final PreparedLookup<StoredDocument> findDocument;
  private final PreparedLookup<StoredDocument> findDocumentsByUserName;
  private final PreparedLookup<StoredDocument> findDocumentsByExternalId;
  private final PreparedLookup<StoredDocument> findAdoptable;

  public JdbcStaffStore(Database database) {
    this.jdbi = database.jdbi();
    this.postgres = database.dialect() == Dialect.POSTGRESQL;
    this.outbox = new Outbox(database);
    this.memberships = new GroupMemberships(database.dialect());
    this.queries = new ResourceQueries(database, QueryTable.STAFF, ResourceTypes.USER);
    this.findDocument = new PreparedLookup<>(database, FIND, true, ResourceRows::document);
    this.findDocumentsByUserName =
        new PreparedLookup<>(database, FIND_BY_USER_NAME, true, ResourceRows::document);
    this.findDocumentsByExternalId =
        new PreparedLookup<>(database, FIND_BY_EXTERNAL_ID, true, ResourceRows::document);
    this.findAdoptable =
        new PreparedLookup<>(database, FIND_ADOPTABLE, true, ResourceRows::document);
  }

  @Override
  public ListPage list(String accountId, ListRequest request) {
    return queries.list(accountId, request);
  }

  @Override
  public void insert(String accountId, StoredResource staff) {
    insert(accountId, staff, null);
  }

  @Override
  public void insertByHand(String accountId, StoredResource staff, Caller author) {
    insert(accountId, staff, java.util.Objects.requireNonNull(author, "author"));
  }

  /** Inserts the record, and the record of its author when made by hand (author not null). */
  private void insert(String accountId, StoredResource staff, Caller author) {
    StaffColumns columns = StaffColumns.of(staff.document());
    // Serialised before the transaction, which on SQLite holds the one write lock.
    String document = ResourceRows.serialise(staff.document());
    Outbox.Prepared created =
        Outbox.prepare(ChangeEvents.staffCreated(accountId, source(author), staff));
    java.util.function.Function<Update, Update> binding =
        update ->
            update
                .addCustomizer(CachedPlan.INSTANCE)
                .bind("account", accountId)
                .bind("id", staff.id())
                .bindMap(bindings(columns))
                .bind("scimManaged", staff.scimManaged())
                .bind("created", staff.created().toEpochMilli())
                .bind("lastModified", staff.lastModified().toEpochMilli())
                .bind("version", staff.version())
                .bind("document", document);
    try {
      if (postgres && author == null && columns.emails().size() <= ONE_STATEMENT_EMAILS) {
        // The record, its emails, its count and its event in one statement sent on its own: one
        // round trip and one transaction instead of five round trips.
        String sql = CREATE_WITH_EVENT.get(columns.emails().size());
        Transactions.inOneStatement(
            jdbi,
            handle -> {
              Update statement = binding.apply(handle.createUpdate(sql));
              bindEmails(statement, columns.emails());
              statement.bind("slot", StaffCounts.slot(staff.id()));
              outbox.bind(statement, created);
              return statement.execute();
            });
        outbox.written();
        return;
      }
      Transactions.useTransaction(
          jdbi,
          handle -> {
            binding.apply(handle.createUpdate(INSERT)).execute();
            writeEmails(handle, accountId, staff.id(), columns);
            StaffCounts.change(handle, accountId, staff.id(), 1);
            recordByHand(handle, accountId, staff, "create", author);
            outbox.write(handle, created);
          });
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  private static EventSource source(Caller author) {
    return author == null ? EventSource.SCIM : EventSource.MANUAL;
  }

  /** Records who made a change by hand (author not null) in the change's transaction. */
  private static void recordByHand(
      Handle handle, String accountId, StoredResource staff, String action, Caller author) {
    if (author != null) {
      ManualChangeLog.record(
          handle,
          accountId,
          ManualChangeLog.Resource.STAFF,
          staff.id(),
          action,
          author,
          staff.version(),
          staff.lastModified());
    }
  }

  /**
   * The searchable columns an update may assign, by the name of their value in {@link #bindings}:
   * in a fixed order, so that an update that changes the same columns is the same statement.
   */
  private static final java.util.Map<String, String> SEARCH_COLUMNS = searchColumns();

  private static java.util.Map<String, String> searchColumns() {
    java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();
    columns.put("userName", "user_name");
    columns.put("userNameKey", "user_name_key");
    columns.put("externalId", "external_id");
    columns.put("givenName", "given_name");
    columns.put("givenNameKey", "given_name_key");
    columns.put("familyName", "family_name");
    columns.put("familyNameKey", "family_name_key");
    columns.put("displayName", "display_name");
    columns.put("displayNameKey", "display_name_key");
    columns.put("userType", "user_type");
    columns.put("active", "active");
    return java.util.Collections.unmodifiableMap(columns);
  }

  private static java.util.Map<String, Object> bindings(StaffColumns columns) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("userName", columns.userName());
    values.put("userNameKey", StaffColumns.key(columns.userName()));
    values.put("externalId", columns.externalId());
    values.put("givenName", columns.givenName());
    values.put("givenNameKey", StaffColumns.key(columns.givenName()));
    values.put("familyName", columns.familyName());
    values.put("familyNameKey", StaffColumns.key(columns.familyName()));
    values.put("displayName", columns.displayName());
    values.put("displayNameKey", StaffColumns.key(columns.displayName()));
    values.put("userType", columns.userType());
    values.put("active", columns.active());
    return values;
  }

  /**
   * Inserts the email rows in batches of {@value #EMAIL_BATCH_ROWS}: the bindings that Jdbi and the
   * driver hold at once, and the size of a statement the driver rewrites a batch into, stay bounded
   * whatever the number of emails.
   */
  private static void writeEmails(
      Handle handle, String accountId, String staffId, StaffColumns columns) {
    List<StaffColumns.Email> emails = columns.emails();
    for (int start = 0; start < emails.size(); start += EMAIL_BATCH_ROWS) {
      PreparedBatch batch = handle.prepareBatch(INSERT_EMAILS + "(?, ?, ?, ?, ?, ?, ?, ?)");
      batch.addCustomizer(CachedPlan.INSTANCE);
      for (StaffColumns.Email email :
          emails.subList(start, Math.min(emails.size(), start + EMAIL_BATCH_ROWS))) {
        batch
            .bind(0, accountId)
            .bind(1, staffId)
            .bind(2, email.position())
            .bind(3, email.value())
            .bind(4, StaffColumns.key(email.value()))
            .bind(5, email.type())
            .bind(6, StaffColumns.key(email.type()))
            .bind(7, email.primary())
            .add();
      }
      batch.execute();
    }
  }

  private static RuntimeException translated(RuntimeException e) {
    if (SqlErrors.isUniqueViolation(e)) {
      return new DuplicateKeyException("userName taken", e);
    }
    return e;
  }

  @Override
  public Optional<StoredResource> find(String accountId, String staffId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(FIND)
                .addCustomizer(CachedPlan.INSTANCE)
                .bind(0, accountId)
                .bind(1, staffId)
                .map(ResourceRows.MAPPER)
                .findOne());
  }

  @Override
  public Optional<StoredDocument> findDocument(String accountId, String staffId) {
    return findDocument.find(accountId, staffId);
  }

  @Override
  public List<StoredDocument> findDocumentsByUserName(String accountId, String userName) {
    return findDocumentsByUserName.list(accountId, userName.toLowerCase(Locale.ROOT));
  }

  @Override
  public List<StoredDocument> findDocumentsByExternalId(
      String accountId, String externalId, int limit) {
    return findDocumentsByExternalId.list(accountId, externalId, limit);
  }

  @Override
  public Optional<StoredResource> findByUserName(String accountId, String userName) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + ResourceRows.COLUMNS
                        + " FROM staff WHERE account_id = ? AND user_name_key = ? AND retired_at IS NULL")
                .bind(0, accountId)
                .bind(1, StaffColumns.key(userName))
                .map(ResourceRows.MAPPER)
                .findOne());
  }

  @Override
  public Optional<StoredResource> findAdoptable(String accountId, String externalId) {
    return findAdoptable.find(accountId, externalId, false).map(StoredDocument::parsed);
  }

  @Override
  public boolean update(
      String accountId, StoredResource existing, StoredResource staff, List<String> changes) {
    return update(accountId, existing, staff, changes, null);
  }

  @Override
  public boolean updateByHand(
      String accountId,
      StoredResource existing,
      StoredResource staff,
      List<String> changes,
      Caller author) {
    return update(
        accountId, existing, staff, changes, java.util.Objects.requireNonNull(author, "author"));
  }

  /**
   * Writes the record if it is still at {@code existing}'s version; by hand (author not null) only
   * if it is not SCIM-managed either, decided by the UPDATE itself, so that no SCIM write can come
   * between the check and the change. Assigns only the columns whose values differ from {@code
   * existing}'s and rewrites the email rows only when they differ: SQLite rewrites every index of a
   * column the UPDATE assigns, changed or not, and each index is one more page in the commit (a
   * PATCH of one name wrote all eight of staff's indexes and every email row again).
   */
  private boolean update(
      String accountId,
      StoredResource existing,
      StoredResource staff,
      List<String> changes,
      Caller author) {
    StaffColumns before = StaffColumns.of(existing.document());
    StaffColumns columns = StaffColumns.of(staff.document());
    java.util.Map<String, Object> values = bindings(columns);
    java.util.Map<String, Object> previous = bindings(before);
    StringBuilder assignments = new StringBuilder();
    for (var column : SEARCH_COLUMNS.entrySet()) {
      if (!java.util.Objects.equals(values.get(column.getKey()), previous.get(column.getKey()))) {
        assignments.append(column.getValue()).append(" = :").append(column.getKey()).append(", ");
      }
    }
    boolean emailsChanged = !before.emails().equals(columns.emails());
    // Serialised before the transaction, which on SQLite holds the one write lock.
    String document = ResourceRows.serialise(staff.document());
    Outbox.Prepared changed =
        Outbox.prepare(ChangeEvents.staffChanged(accountId, source(author), staff, changes));
    java.util.function.Function<Update, Update> binding =
        update ->
            update
                .addCustomizer(CachedPlan.INSTANCE)
                .bind("account", accountId)
                .bind("unmanaged", false)
                .bind("id", staff.id())
                .bindMap(values)
                .bind("scimManaged", staff.scimManaged())
                .bind("lastModified", staff.lastModified().toEpochMilli())
                .bind("version", staff.version())
                .bind("document", document)
                .bind("expected", existing.version());
    try {
      if (postgres && author == null && !emailsChanged) {
        // The UPDATE and its event in one statement sent on its own: one round trip and one
        // transaction instead of four round trips (BEGIN and the UPDATE, the event, COMMIT).
        int written =
            Transactions.inOneStatement(
                jdbi,
                handle -> {
                  Update statement =
                      binding.apply(
                          handle.createUpdate(Outbox.withEvent(edit(assignments, false))));
                  outbox.bind(statement, changed);
                  return statement.execute();
                });
        if (written == 0) {
          return false;
        }
        outbox.written();
        return true;
      }
      return Transactions.inTransaction(
          jdbi,
          handle -> {
            int updated =
                binding.apply(handle.createUpdate(edit(assignments, author != null))).execute();
            if (updated == 0) {
              return false;
            }
            if (emailsChanged) {
              handle
                  .createUpdate(DELETE_EMAILS)
                  .addCustomizer(CachedPlan.INSTANCE)
                  .bind(0, accountId)
                  .bind(1, staff.id())
                  .execute();
              writeEmails(handle, accountId, staff.id(), columns);
            }
            recordByHand(handle, accountId, staff, "edit", author);
            outbox.write(handle, changed);
            return true;
          });
    } catch (RuntimeException e) {
      throw translated(e);
    }
  }

  @Override
  public boolean retire(String accountId, StoredResource retired, long expectedVersion) {
    return retire(accountId, retired, expectedVersion, null);
  }

  @Override
  public boolean retireByHand(
      String accountId, StoredResource retired, long expectedVersion, Caller author) {
    return retire(
        accountId, retired, expectedVersion, java.util.Objects.requireNonNull(author, "author"));
  }

  /** As {@link #update(String, StoredResource, long, Caller)}, for retirement. */
  private boolean retire(
      String accountId, StoredResource retired, long expectedVersion, Caller author) {
    long at = retired.lastModified().toEpochMilli();
    String staffId = retired.id();
    return Transactions.inTransaction(
        jdbi,
        handle -> {
          var retire =
              handle
                  .createUpdate(RETIRE + (author == null ? "" : " AND scim_managed = ?"))
                  .addCustomizer(CachedPlan.INSTANCE)
                  .bind(0, at)
                  .bind(1, false)
                  .bind(2, at)
                  .bind(3, retired.version())
                  .bind(4, ResourceRows.serialise(retired.document()))
                  .bind(5, accountId)
                  .bind(6, staffId)
                  .bind(7, expectedVersion);
          if (author != null) {
            retire.bind(8, false);
          }
          int updated = retire.execute();
          if (updated == 0) {
            return false;
          }
          StaffCounts.change(handle, accountId, staffId, -1);
          recordByHand(handle, accountId, retired, "delete", author);
          outbox.write(handle, ChangeEvents.staffDeleted(accountId, source(author), retired));
          // Membership is part of each group's state: its version and lastModified change too, and
          // each group the member left has its event. The memberships go first, then the groups'
          // rows, in the order a membership change takes its locks.
          List<String> groups = memberships.leaveEveryGroup(handle, accountId, staffId);
          GroupRows.bumpAll(handle, accountId, groups, retired.lastModified());
          outbox.write(
              handle,
              groups.stream()
                  .map(
                      groupId ->
                          ChangeEvents.membersRemoved(
                              accountId,
                              source(author),
                              groupId,
                              retired.lastModified(),
                              List.of(staffId)))
                  .toList());
          return true;
        });
  }
}
