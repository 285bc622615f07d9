package com.classlark.scim.testing;

/** The database engines every store and HTTP test runs against. */
public enum Engine {
  SQLITE,
  POSTGRES
}
