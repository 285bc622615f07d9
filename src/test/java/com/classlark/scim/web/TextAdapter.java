package com.classlark.scim.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A test adapter that writes errors as {@code NAME STATUS REASON: detail (path)} in plain text.
 * {@code GET /held} counts {@code entered} down and answers once {@code release} is counted down,
 * to hold a request in flight.
 */
record TextAdapter(String name, String prefix, CountDownLatch entered, CountDownLatch release)
    implements WebAdapter {

  TextAdapter(String name, String prefix) {
    this(name, prefix, new CountDownLatch(0), new CountDownLatch(0));
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(prefix);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get(prefix + "/hello", ctx -> ctx.result(name + " hello"));
    routes.post(prefix + "/echo", ctx -> ctx.result(ctx.body()));
    routes.get(
        prefix + "/refused",
        ctx -> {
          throw new IllegalArgumentException(name + " refuses");
        });
    routes.get(
        prefix + "/broken",
        ctx -> {
          throw new IllegalStateException("internal state with password=hunter2");
        });
    routes.get(
        prefix + "/held",
        ctx -> {
          entered.countDown();
          release.await();
          ctx.result(name + " released");
        });
  }

  @Override
  public void beforeMatched(Context ctx) {
    if ("deny".equals(ctx.header("X-Test"))) {
      throw new IllegalArgumentException(name + " denies");
    }
  }

  @Override
  public boolean writeError(Context ctx, Exception exception) {
    if (exception instanceof IllegalArgumentException refused) {
      ctx.status(422).contentType("text/plain").result(name + " 422: " + refused.getMessage());
      return true;
    }
    return false;
  }

  @Override
  public ErrorBody render(WebFailure failure, String path) {
    String text =
        name
            + " "
            + failure.status()
            + " "
            + failure.reason()
            + ": "
            + failure.detail()
            + " ("
            + path
            + ")";
    return new ErrorBody("text/x-" + name, text.getBytes(StandardCharsets.UTF_8));
  }
}
