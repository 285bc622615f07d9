package com.classlark.scim.directory;

import java.util.Optional;

/**
 * Persistence of staff (SCIM Users). Every method is scoped by the school's account id; retired
 * staff (DELETEd over SCIM) are invisible to every method. Every write commits together with its
 * change event (source {@code scim}, or {@code manual} for the {@code …ByHand} methods).
 */
public interface StaffStore {
  /**
   * Inserts a new staff record.
   *
   * @throws DuplicateKeyException when a live record of the school has the same userName (any case)
   */
  void insert(String accountId, StoredResource staff);

  /**
   * Inserts a staff record made by hand (not SCIM-managed) and records who made it, in one
   * transaction.
   *
   * @throws DuplicateKeyException when a live record of the school has the same userName (any case)
   */
  void insertByHand(String accountId, StoredResource staff, Caller author);

  Optional<StoredResource> find(String accountId, String staffId);

  /** {@link #find}, with the document as its stored text. */
  Optional<StoredDocument> findDocument(String accountId, String staffId);

  /**
   * The live records the filter {@code userName eq} matches (userName compared ignoring case), with
   * their documents as stored text: at most one.
   */
  java.util.List<StoredDocument> findDocumentsByUserName(String accountId, String userName);

  /**
   * The live records the filter {@code externalId eq} matches (compared exactly), in the listing's
   * default order (oldest first), at most {@code limit}, with their documents as stored text.
   */
  java.util.List<StoredDocument> findDocumentsByExternalId(
      String accountId, String externalId, int limit);

  /** The live record whose userName is this one, compared ignoring case. */
  Optional<StoredResource> findByUserName(String accountId, String userName);

  /**
   * A live record made by hand in ClassLark (not SCIM-managed) whose externalId is exactly this.
   */
  Optional<StoredResource> findAdoptable(String accountId, String externalId);

  /**
   * Replaces {@code existing} by {@code staff} if the record is still at {@code existing}'s
   * version, with its change event. Only what differs between the two is written.
   *
   * @param changes the names of the attributes that changed (see {@code ChangedAttributes}), for
   *     the event
   * @return false when the record changed or disappeared meanwhile
   * @throws DuplicateKeyException when the new userName belongs to another live record
   */
  boolean update(
      String accountId,
      StoredResource existing,
      StoredResource staff,
      java.util.List<String> changes);

  /**
   * Replaces {@code existing} by {@code staff} by hand if the record is still at {@code existing}'s
   * version and is not SCIM-managed, checked by the writing statement itself so that a SCIM write
   * in between wins; records who made the change in the same transaction.
   *
   * @return false when the record changed, became SCIM-managed or disappeared meanwhile
   * @throws DuplicateKeyException when the new userName belongs to another live record
   */
  boolean updateByHand(
      String accountId,
      StoredResource existing,
      StoredResource staff,
      java.util.List<String> changes,
      Caller author);

  /**
   * {@link #retire} by hand: only if the record is still at {@code expectedVersion} and not
   * SCIM-managed, recording who did it in the same transaction.
   *
   * @return false when the record changed, became SCIM-managed or disappeared meanwhile
   */
  boolean retireByHand(
      String accountId, StoredResource retired, long expectedVersion, Caller author);

  /**
   * Retires a record from SCIM: it becomes invisible, inactive, leaves every group and frees its
   * userName, while the row stays for ClassLark's history, with {@code retired}'s document (which
   * says {@code active: false}).
   *
   * @return false when the record changed or disappeared meanwhile
   */
  boolean retire(String accountId, StoredResource retired, long expectedVersion);

  /**
   * One page of the school's live staff matching the request.
   *
   * @throws CursorMismatchException when the request's cursor position does not fit its query
   */
  ListPage list(String accountId, ListRequest request);
}
