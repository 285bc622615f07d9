package com.classlark.scim.store;

import org.jdbi.v3.core.Handle;

/**
 * The number of live staff of each school, in {@code staff_counts} (migration V4): whoever creates
 * or retires staff changes it in the same transaction, so an unfiltered listing's {@code
 * totalResults} is a sum of at most {@value #SLOTS} rows however large the school.
 */
public final class StaffCounts {
  /** Rows per school: concurrent writers of one school mostly change different rows. */
  static final int SLOTS = 16;

  /** The school's live staff. */
  static final String TOTAL =
      "SELECT COALESCE(SUM(live), 0) FROM staff_counts WHERE account_id = ?";

  private static final String CHANGE = change("?, ?, ?");

  /**
   * PostgreSQL: one live staff member more, as a part of a statement that has the parameters {@code
   * :account} and {@code :slot} (the {@link #slot} of the new staff member).
   */
  static final String ONE_MORE = change(":account, :slot, 1");

  private static String change(String values) {
    return "INSERT INTO staff_counts (account_id, slot, live) VALUES ("
        + values
        + ") ON CONFLICT (account_id, slot) DO UPDATE SET live = staff_counts.live + excluded.live";
  }

  /** The slot of a staff member's school that counts them. */
  static int slot(String staffId) {
    return Math.floorMod(staffId.hashCode(), SLOTS);
  }

  private StaffCounts() {}

  /**
   * Adds {@code delta} live staff to the school, in the slot of {@code staffId}; call it in the
   * transaction that inserts (+1) or retires (−1) that staff member, or with a bulk's total.
   */
  public static void change(Handle handle, String accountId, String staffId, long delta) {
    handle
        .createUpdate(CHANGE)
        .addCustomizer(CachedPlan.INSTANCE)
        .bind(0, accountId)
        .bind(1, slot(staffId))
        .bind(2, delta)
        .execute();
  }
}
