package com.classlark.scim.api;

import io.javalin.config.RoutesConfig;

/**
 * A group of routes of the directory API (schools, SCIM access, staff, groups), registered by
 * {@link ApiAdapter} with their full paths under {@link ApiAdapter#PREFIX}. Each handler finds its
 * caller with {@link ApiKeyAuth#caller} and passes it to the directory operation, which decides
 * whether the caller's role allows it.
 */
interface ApiRoutes {
  void register(RoutesConfig routes);
}
