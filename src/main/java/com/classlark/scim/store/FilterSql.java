package com.classlark.scim.store;

import com.classlark.scim.protocol.filter.CompareOp;
import com.classlark.scim.protocol.filter.Filter;
import com.classlark.scim.protocol.filter.ScimValue;
import com.classlark.scim.protocol.filter.ValueComparison;
import com.classlark.scim.protocol.schema.AttrPath;
import com.classlark.scim.protocol.schema.ScimDateTime;
import com.classlark.scim.store.QueryTable.ChildTable;
import com.classlark.scim.store.QueryTable.Column;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a resolved filter into SQL over a {@link QueryTable}'s typed columns. The result is a
 * necessary condition of the filter; when it is also sufficient ({@code exact}) no row needs
 * checking in memory. Leaves that have no column, or whose SQL could differ from the in-memory
 * evaluator's semantics, become {@code TRUE} and make the result inexact, so the rows it returns
 * are then checked by {@link com.classlark.scim.protocol.filter.FilterEvaluator}. Every fragment is
 * two-valued (never SQL NULL), so {@code NOT} is exact. Values are always bound.
 */
final class FilterSql {
  /** The translated condition and whether it alone decides the filter. */
  record Pushdown(SqlFragment condition, boolean exact) {
    static final Pushdown NONE = new Pushdown(SqlFragment.TRUE, false);
  }

  private final QueryTable table;
  private final Dialect dialect;
  private final String accountId;

  /** A translator for queries of one school ({@code accountId} scopes child-table subqueries). */
  FilterSql(QueryTable table, Dialect dialect, String accountId) {
    this.table = table;
    this.dialect = dialect;
    this.accountId = accountId;
  }

  Pushdown translate(Filter filter) {
    return switch (filter) {
      case Filter.And(var left, var right) -> {
        Pushdown leftPart = translate(left);
        Pushdown rightPart = translate(right);
        yield new Pushdown(
            leftPart.condition().and(rightPart.condition()), leftPart.exact() && rightPart.exact());
      }
      case Filter.Or(var left, var right) -> {
        Pushdown leftPart = translate(left);
        Pushdown rightPart = translate(right);
        if (!leftPart.exact() && leftPart.condition() == SqlFragment.TRUE
            || !rightPart.exact() && rightPart.condition() == SqlFragment.TRUE) {
          yield Pushdown.NONE;
        }
        yield new Pushdown(
            leftPart.condition().or(rightPart.condition()), leftPart.exact() && rightPart.exact());
      }
      case Filter.Not(var inner) -> {
        Pushdown translated = translate(inner);
        yield translated.exact()
            ? new Pushdown(translated.condition().negated(), true)
            : Pushdown.NONE;
      }
      case Filter.Present(var path) -> present(path);
      case Filter.Compare(var path, var op, var value) -> compare(path, op, value);
      case Filter.ValuePath(var path, var inner) -> valuePath(path, inner);
    };
  }

  private Pushdown present(AttrPath path) {
    Column column = table.column(path);
    if (column != null) {
      return exact(
          column.nullable() ? SqlFragment.of(column.sql() + " IS NOT NULL") : SqlFragment.TRUE);
    }
    ChildTable child = childOf(path);
    if (child == null) {
      return Pushdown.NONE;
    }
    if (path.subAttribute() == null) {
      return exact(child.having(accountId, SqlFragment.TRUE));
    }
    Column sub = child.columns().get(path.subAttribute());
    return sub == null
        ? Pushdown.NONE
        : exact(child.having(accountId, SqlFragment.of(sub.sql() + " IS NOT NULL")));
  }

  private Pushdown compare(AttrPath path, CompareOp op, ScimValue value) {
    Column column = table.column(path);
    if (column != null) {
      return leaf(column, op, value).map(FilterSql::exact).orElse(Pushdown.NONE);
    }
    ChildTable child = childOf(path);
    if (child == null || path.subAttribute() == null || op == CompareOp.NE) {
      // ne on a multi-valued attribute also matches a resource with no values: kept in memory.
      return Pushdown.NONE;
    }
    Column sub = child.columns().get(path.subAttribute());
    if (sub == null || value instanceof ScimValue.Null) {
      return Pushdown.NONE;
    }
    return leaf(sub, op, value)
        .map(condition -> exact(child.having(accountId, condition)))
        .orElse(Pushdown.NONE);
  }

  private Pushdown valuePath(AttrPath path, Filter inner) {
    ChildTable child = path.schemaUrn() == null ? table.children().get(path.attribute()) : null;
    if (child == null) {
      return Pushdown.NONE;
    }
    Optional<SqlFragment> condition = element(child.columns(), inner);
    return condition.map(inside -> exact(child.having(accountId, inside))).orElse(Pushdown.NONE);
  }

  /** A filter over one value of a multi-valued attribute; empty when any part has no column. */
  private Optional<SqlFragment> element(Map<String, Column> columns, Filter filter) {
    return switch (filter) {
      case Filter.And(var left, var right) ->
          element(columns, left).flatMap(both -> element(columns, right).map(both::and));
      case Filter.Or(var left, var right) ->
          element(columns, left).flatMap(either -> element(columns, right).map(either::or));
      case Filter.Not(var inner) -> element(columns, inner).map(SqlFragment::negated);
      case Filter.Present(var path) ->
          Optional.ofNullable(columns.get(path.attribute()))
              .filter(column -> path.subAttribute() == null)
              .map(column -> SqlFragment.of(column.sql() + " IS NOT NULL"));
      case Filter.Compare(var path, var op, var value) ->
          path.subAttribute() != null || !columns.containsKey(path.attribute())
              ? Optional.empty()
              : leaf(columns.get(path.attribute()), op, value);
      case Filter.ValuePath valuePath -> Optional.empty();
    };
  }

  private ChildTable childOf(AttrPath path) {
    return path.schemaUrn() == null ? table.children().get(path.attribute()) : null;
  }

  private static Pushdown exact(SqlFragment condition) {
    return new Pushdown(condition, true);
  }

  /** One comparison on one column, two-valued; empty when SQL could disagree with the evaluator. */
  private Optional<SqlFragment> leaf(Column column, CompareOp op, ScimValue value) {
    String sql = column.sql();
    if (value instanceof ScimValue.Null) {
      return switch (op) {
        case EQ -> Optional.of(SqlFragment.of(column.nullable() ? sql + " IS NULL" : "1 = 0"));
        case NE -> Optional.of(SqlFragment.of(column.nullable() ? sql + " IS NOT NULL" : "1 = 1"));
        case CO, SW, EW, GT, GE, LT, LE -> Optional.empty();
      };
    }
    String present = column.nullable() ? sql + " IS NOT NULL AND " : "";
    String absent = column.nullable() ? sql + " IS NULL OR " : "";
    return switch (column.kind()) {
      case TEXT -> {
        String text = ValueComparison.textOf(value);
        String operand = column.folded() ? text.toLowerCase(Locale.ROOT) : text;
        String ordered = dialect == Dialect.POSTGRESQL ? sql + " COLLATE \"C\"" : sql;
        yield Optional.of(
            switch (op) {
              case EQ -> SqlFragment.of("(" + present + sql + " = ?)", operand);
              case NE -> SqlFragment.of("(" + absent + sql + " <> ?)", operand);
              case CO -> SqlFragment.of("(" + present + contains(sql) + ")", operand);
              case SW ->
                  SqlFragment.of(
                      "(" + present + "substr(" + sql + ", 1, ?) = ?)", operand.length(), operand);
              case EW ->
                  SqlFragment.of(
                      "("
                          + present
                          + "length("
                          + sql
                          + ") >= ? AND substr("
                          + sql
                          + ", length("
                          + sql
                          + ") - ? + 1) = ?)",
                      operand.length(),
                      operand.length(),
                      operand);
              case GT -> SqlFragment.of("(" + present + ordered + " > ?)", operand);
              case GE -> SqlFragment.of("(" + present + ordered + " >= ?)", operand);
              case LT -> SqlFragment.of("(" + present + ordered + " < ?)", operand);
              case LE -> SqlFragment.of("(" + present + ordered + " <= ?)", operand);
            });
      }
      case BOOLEAN -> {
        Optional<Boolean> bool = ValueComparison.booleanOf(value);
        if (bool.isEmpty()) {
          yield Optional.empty();
        }
        yield switch (op) {
          case EQ -> Optional.of(SqlFragment.of("(" + present + sql + " = ?)", bool.get()));
          case NE -> Optional.of(SqlFragment.of("(" + absent + sql + " <> ?)", bool.get()));
          case CO, SW, EW, GT, GE, LT, LE -> Optional.empty();
        };
      }
      case INSTANT -> {
        Optional<Instant> instant = ScimDateTime.parse(ValueComparison.textOf(value));
        if (instant.isEmpty() || instant.get().getNano() % 1_000_000 != 0) {
          // Stored instants have millisecond precision; a finer value is compared in memory.
          yield Optional.empty();
        }
        long millis = instant.get().toEpochMilli();
        yield switch (op) {
          case EQ -> Optional.of(SqlFragment.of("(" + sql + " = ?)", millis));
          case NE -> Optional.of(SqlFragment.of("(" + sql + " <> ?)", millis));
          case GT -> Optional.of(SqlFragment.of("(" + sql + " > ?)", millis));
          case GE -> Optional.of(SqlFragment.of("(" + sql + " >= ?)", millis));
          case LT -> Optional.of(SqlFragment.of("(" + sql + " < ?)", millis));
          case LE -> Optional.of(SqlFragment.of("(" + sql + " <= ?)", millis));
          case CO, SW, EW -> Optional.empty();
        };
      }
    };
  }

  private String contains(String column) {
    return dialect == Dialect.POSTGRESQL
        ? "strpos(" + column + ", ?) > 0"
        : "instr(" + column + ", ?) > 0";
  }
}
