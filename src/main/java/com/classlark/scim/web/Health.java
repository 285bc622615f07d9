package com.classlark.scim.web;

import io.javalin.config.RoutesConfig;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (it should get traffic: not shutting
 * down, and the database answers): without authentication, on the main port and on the management
 * port.
 */
final class Health {
  static final String HEALTH_PATH = "/healthz";
  static final String READY_PATH = "/readyz";

  private Health() {}

  /**
   * @param unreadiness why the service should get no traffic now, e.g. {@code shutting down}; empty
   *     when it is ready
   */
  static void register(RoutesConfig routes, Supplier<Optional<String>> unreadiness) {
    routes.get(HEALTH_PATH, ctx -> ctx.status(200).contentType("text/plain").result("ok"));
    routes.get(
        READY_PATH,
        ctx -> {
          Optional<String> unready = unreadiness.get();
          ctx.status(unready.isEmpty() ? 200 : 503)
              .contentType("text/plain")
              .result(unready.orElse("ready"));
        });
  }
}
