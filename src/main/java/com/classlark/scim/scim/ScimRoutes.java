package com.classlark.scim.scim;

/** A group of SCIM endpoints; every route it registers requires a bearer token. */
@FunctionalInterface
public interface ScimRoutes {
  void register(ScimRouter router);
}
