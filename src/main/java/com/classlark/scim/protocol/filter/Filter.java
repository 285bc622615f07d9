package com.classlark.scim.protocol.filter;

import com.classlark.scim.protocol.schema.AttrPath;

/**
 * The immutable tree of a SCIM filter expression (RFC 7644 §3.4.2.2). Every consumer (in-memory
 * evaluator, SQL translation, rendering) is one exhaustive {@code switch} over these cases.
 */
public sealed interface Filter {
  /** {@code left and right}. */
  record And(Filter left, Filter right) implements Filter {}

  /** {@code left or right}. */
  record Or(Filter left, Filter right) implements Filter {}

  /** {@code not (inner)}. */
  record Not(Filter inner) implements Filter {}

  /** {@code path pr}. */
  record Present(AttrPath path) implements Filter {}

  /** {@code path op value}. */
  record Compare(AttrPath path, CompareOp op, ScimValue value) implements Filter {}

  /**
   * {@code path[inner]}: true when one value of the multi-valued (or complex) attribute {@code
   * path} matches {@code inner}, whose paths are relative to that value (sub-attribute names).
   */
  record ValuePath(AttrPath path, Filter inner) implements Filter {}
}
