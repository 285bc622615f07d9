package com.classlark.scim.scim;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.List;

/** Registers each SCIM route at the service root and, as an alias, under {@code /scim/v2}. */
public final class ScimRouter {
  private static final List<String> PREFIXES = List.of("", BaseUrl.SCIM_PREFIX);

  private final RoutesConfig routes;

  ScimRouter(RoutesConfig routes) {
    this.routes = routes;
  }

  public void get(String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.get(prefix + path, handler));
  }

  public void post(String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.post(prefix + path, handler));
  }

  public void put(String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.put(prefix + path, handler));
  }

  public void patch(String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.patch(prefix + path, handler));
  }

  public void delete(String path, Handler handler) {
    PREFIXES.forEach(prefix -> routes.delete(prefix + path, handler));
  }
}
