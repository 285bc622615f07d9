package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.schema.AttrPath;
import java.math.BigDecimal;

/** Short constructors for expected filter trees in tests. */
final class FilterTrees {
  private FilterTrees() {}

  static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PLANNER =
      "urn:ietf:params:scim:schemas:extension:school-event-planner:2.0:User";

  static AttrPath path(String attribute) {
    return AttrPath.of(attribute);
  }

  static AttrPath path(String attribute, String subAttribute) {
    return AttrPath.of(attribute, subAttribute);
  }

  static AttrPath urnPath(String urn, String attribute, String subAttribute) {
    return new AttrPath(urn, attribute, subAttribute);
  }

  static ScimValue str(String value) {
    return new ScimValue.Str(value);
  }

  static ScimValue num(String value) {
    return new ScimValue.Num(new BigDecimal(value));
  }

  static ScimValue bool(boolean value) {
    return new ScimValue.Bool(value);
  }

  static ScimValue nul() {
    return new ScimValue.Null();
  }

  static Filter compare(AttrPath path, CompareOp op, ScimValue value) {
    return new Filter.Compare(path, op, value);
  }

  static Filter eq(AttrPath path, ScimValue value) {
    return compare(path, CompareOp.EQ, value);
  }

  static Filter eq(String attribute, ScimValue value) {
    return eq(path(attribute), value);
  }

  static Filter eq(String attribute, String value) {
    return eq(path(attribute), str(value));
  }

  static Filter pr(AttrPath path) {
    return new Filter.Present(path);
  }

  static Filter pr(String attribute) {
    return pr(path(attribute));
  }

  static Filter and(Filter left, Filter right) {
    return new Filter.And(left, right);
  }

  static Filter or(Filter left, Filter right) {
    return new Filter.Or(left, right);
  }

  static Filter not(Filter inner) {
    return new Filter.Not(inner);
  }

  static Filter valuePath(AttrPath path, Filter inner) {
    return new Filter.ValuePath(path, inner);
  }

  static Filter valuePath(String attribute, Filter inner) {
    return valuePath(path(attribute), inner);
  }
}
