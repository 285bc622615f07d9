package com.classlark.scim.protocol.filter;

import java.math.BigDecimal;

/**
 * A comparison value in a filter (RFC 7644 §3.4.2.2 {@code compValue}). dateTime values arrive as
 * strings and are compared as instants when the attribute's type is dateTime.
 */
public sealed interface ScimValue {
  record Str(String value) implements ScimValue {}

  record Num(BigDecimal value) implements ScimValue {}

  record Bool(boolean value) implements ScimValue {}

  record Null() implements ScimValue {}
}
