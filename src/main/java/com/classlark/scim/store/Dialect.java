package com.classlark.scim.store;

/** The two database engines the same store code and migrations serve. */
public enum Dialect {
  SQLITE,
  POSTGRESQL
}
