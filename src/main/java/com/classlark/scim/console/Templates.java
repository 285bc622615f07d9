package com.classlark.scim.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * The console's JTE templates (src/main/jte), compiled to classes at build time: rendering never
 * compiles, and a template that does not type-check fails the build. Every value is HTML-escaped by
 * JTE.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders the template with its page model into the response. */
  void render(Context ctx, int status, String template, Object page) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(html(template, page));
  }

  byte[] html(String template, Object page) {
    StringOutput output = new StringOutput();
    engine.render(template, page, output);
    return output.toString().getBytes(StandardCharsets.UTF_8);
  }
}
