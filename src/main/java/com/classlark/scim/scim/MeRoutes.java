package com.classlark.scim.scim;

import com.classlark.scim.protocol.error.ScimException;
import io.javalin.http.Context;

/**
 * {@code /Me} (RFC 7644 §3.11): not implemented. A ClassLark token belongs to a school, not to a
 * person, so there is no authenticated subject for {@code /Me} to stand for.
 */
public final class MeRoutes implements ScimRoutes {
  @Override
  public void register(ScimRouter router) {
    router.get("/Me", MeRoutes::notImplemented);
    router.post("/Me", MeRoutes::notImplemented);
    router.put("/Me", MeRoutes::notImplemented);
    router.patch("/Me", MeRoutes::notImplemented);
    router.delete("/Me", MeRoutes::notImplemented);
  }

  private static void notImplemented(Context ctx) {
    throw ScimException.notImplemented(
        "/Me is not supported: tokens belong to schools, not to people, so a request has no"
            + " authenticated subject. Use /Users/{id} instead.");
  }
}
