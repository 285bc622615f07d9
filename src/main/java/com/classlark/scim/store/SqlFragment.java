package com.classlark.scim.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bound parameters, in order. Values are never concatenated into the SQL.
 */
record SqlFragment(String sql, List<Object> parameters) {
  static final SqlFragment TRUE = new SqlFragment("1 = 1", List.of());

  SqlFragment {
    parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  static SqlFragment of(String sql, Object... parameters) {
    return new SqlFragment(sql, java.util.Arrays.asList(parameters));
  }

  SqlFragment and(SqlFragment other) {
    return join(" AND ", other);
  }

  SqlFragment or(SqlFragment other) {
    return join(" OR ", other);
  }

  SqlFragment negated() {
    return new SqlFragment("NOT (" + sql + ")", parameters);
  }

  private SqlFragment join(String operator, SqlFragment other) {
    List<Object> all = new ArrayList<>(parameters);
    all.addAll(other.parameters);
    return new SqlFragment("(" + sql + operator + other.sql + ")", all);
  }
}
