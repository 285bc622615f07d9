package com.classlark.scim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.classlark.scim.directory.StoredResource;
import com.classlark.scim.directory.UnknownMembersException;
import com.classlark.scim.protocol.patch.MembershipChange;
import com.classlark.scim.protocol.resource.Json;
import com.classlark.scim.testing.Conditions;
import com.classlark.scim.testing.Engine;
import com.classlark.scim.testing.TestDatabase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adding a member while the same staff member is retired ({@code DELETE /Users/{id}}) never leaves
 * a retired member in the group, whichever of the two transactions comes first. PostgreSQL only:
 * its writers run concurrently, while SQLite's write transactions run one after the other, so the
 * race cannot happen there. The interleavings are forced with row locks held by a third connection
 * and observed through {@code pg_blocking_pids}, not with sleeps.
 */
class MembershipRetirementRaceTest {
  private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  /** The start of the membership check's SQL, as pg_stat_activity shows it (before any bind). */
  private static final String LIVE_CHECK =
      PostgresMembershipStatements.LIVE_MEMBERS.substring(
          0, PostgresMembershipStatements.LIVE_MEMBERS.indexOf(':'));

  private TestDatabase testDatabase;
  private Database database;
  private JdbcStaffStore staffStore;
  private JdbcGroupStore groupStore;
  private ExecutorService pool;
  private final String school = UUID.randomUUID().toString();
  private final String groupId = UUID.randomUUID().toString();
  private StoredResource member;

  @BeforeEach
  void schoolWithAStaffMemberAndAnEmptyGroup() {
    testDatabase = TestDatabase.create(Engine.POSTGRES);
    database = Database.open(testDatabase.target());
    database.migrate();
    database
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES (?, 'A', 0)", school));
    staffStore = new JdbcStaffStore(database);
    groupStore = new JdbcGroupStore(database);
    ObjectNode person = Json.object();
    person.put("userName", "member@school.example");
    person.putObject("name").put("givenName", "Given").put("familyName", "Family");
    person.put("userType", "Staff");
    person.put("active", true);
    member = new StoredResource(UUID.randomUUID().toString(), person, AT, AT, 1, true);
    staffStore.insert(school, member);
    ObjectNode group = Json.object();
    group.put("displayName", "Science");
    groupStore.insert(school, new StoredResource(groupId, group, AT, AT, 1, true), List.of());
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    database.close();
    testDatabase.close();
  }

  @Test
  void aRetirementThatStartsWhileTheAddIsUncommittedRemovesTheNewMembership() throws Exception {
    try (Handle blocker = database.jdbi().open()) {
      // Holds the group's row as an update would, so the add stops after its check and its insert
      // (whose foreign-key check only key-share-locks the group) at the version bump, before its
      // commit.
      blocker.begin();
      blocker
          .createQuery(
              "SELECT 1 FROM staff_groups WHERE account_id = ? AND id = ? FOR NO KEY UPDATE")
          .bind(0, school)
          .bind(1, groupId)
          .mapTo(Integer.class)
          .one();
      Future<Optional<StoredResource>> add = pool.submit(this::addMember);
      int adder = awaitBlockedBy(backendPid(blocker), "UPDATE staff_groups");

      Future<Boolean> retire = pool.submit(this::retireMember);
      // Either the retirement waits for the add (the member's row is share-locked) or, without
      // that lock, it finishes at once and misses the uncommitted membership.
      await(() -> retire.isDone() || blockedBy(adder, "UPDATE staff SET retired_at") != 0);
      blocker.rollback();

      assertThat(add.get(60, TimeUnit.SECONDS)).isPresent();
      assertThat(retire.get(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(memberships()).as("memberships of the retired member").isZero();
  }

  @Test
  void anAddThatStartsWhileTheMemberIsBeingRetiredRefusesTheMember() throws Exception {
    try (Handle retirement = database.jdbi().open()) {
      // A retirement in progress: the staff row is updated and not yet committed.
      retirement.begin();
      retirement.execute(
          "UPDATE staff SET retired_at = ?, active = ? WHERE account_id = ? AND id = ?",
          AT.toEpochMilli(),
          false,
          school,
          member.id());
      Future<Optional<StoredResource>> add = pool.submit(this::addMember);
      // Either the add's check waits for the retirement, or, without the share lock, it reads the
      // row as it was before the retirement, finds the member live and adds it.
      await(() -> add.isDone() || blockedBy(backendPid(retirement), LIVE_CHECK) != 0);
      retirement.commit();

      assertThatThrownBy(() -> add.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(UnknownMembersException.class);
    }
    assertThat(memberships()).as("memberships of the retired member").isZero();
  }

  private Optional<StoredResource> addMember() {
    return groupStore.changeMembers(
        school, groupId, AT, List.of(new MembershipChange.AddMembers(List.of(member.id()))));
  }

  private boolean retireMember() {
    ObjectNode retired = member.document().deepCopy();
    retired.put("active", false);
    return staffStore.retire(school, member.changedTo(retired, AT), member.version());
  }

  private long memberships() {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT COUNT(*) FROM group_members WHERE account_id = ? AND member_id = ?")
                    .bind(0, school)
                    .bind(1, member.id())
                    .mapTo(Long.class)
                    .one());
  }

  private static int backendPid(Handle handle) {
    return handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
  }

  /** The backend whose statement starting with {@code statement} waits for {@code pid}, or 0. */
  private int blockedBy(int pid, String statement) {
    return database
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT pid FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))"
                            + " AND query LIKE ?")
                    .bind(0, pid)
                    .bind(1, statement + "%")
                    .mapTo(Integer.class)
                    .findFirst()
                    .orElse(0));
  }

  private int awaitBlockedBy(int pid, String statement) throws InterruptedException {
    int[] blocked = new int[1];
    await(() -> (blocked[0] = blockedBy(pid, statement)) != 0);
    return blocked[0];
  }

  private static void await(BooleanSupplier condition) {
    Conditions.await("the interleaving the test forces", Duration.ofSeconds(30), condition);
  }
}
