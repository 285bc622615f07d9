package com.classlark.scim.store;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

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

  /** A query of this SQL on {@code handle}, its parameters bound by position. */
  Query query(Handle handle) {
    Query query = handle.createQuery(sql);
    for (int i = 0; i < parameters.size(); i++) {
      query.bind(i, parameters.get(i));
    }
    return query;
  }

  private SqlFragment join(String operator, SqlFragment other) {
    List<Object> all = new ArrayList<>(parameters);
    all.addAll(other.parameters);
    return new SqlFragment("(" + sql + operator + other.sql + ")", all);
  }
}
