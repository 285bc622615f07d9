package com.classlark.scim.scim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * The identity-provider guide ({@code docs/identity-providers.md}, packaged into the jar) as an
 * HTML page for a school's IT admin, rendered once at start. Raw HTML in the Markdown is escaped
 * and unsafe link schemes are dropped; the page has no script and one stylesheet of its own, so
 * that it can be served with a Content-Security-Policy that allows nothing else. Headings get ids
 * ({@code ## Base URL and token} → {@code #base-url-and-token}) for links into the page.
 */
final class GuidePage {
  private static final String MARKDOWN = "docs/identity-providers.md";
  private static final String STYLESHEET = "docs/guide.css";

  /**
   * Where the stylesheet is served, at the root and under {@code /scim/v2}: the page links it as
   * {@code docs/guide.css}, relative to its own path.
   */
  static final String STYLESHEET_PATH = "/docs/guide.css";

  private final byte[] html;
  private final byte[] css;

  private GuidePage(byte[] html, byte[] css) {
    this.html = html;
    this.css = css;
  }

  static GuidePage load() {
    List<Extension> extensions = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    Node guide =
        Parser.builder()
            .extensions(extensions)
            .build()
            .parse(new String(resource(MARKDOWN), StandardCharsets.UTF_8));
    String body =
        HtmlRenderer.builder()
            .extensions(extensions)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build()
            .render(guide);
    String page =
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>"
            + escape(title(guide))
            + "</title>\n<link rel=\"stylesheet\" href=\"docs/guide.css\">\n</head>\n<body>\n<main>\n"
            + body
            + "</main>\n</body>\n</html>\n";
    return new GuidePage(page.getBytes(StandardCharsets.UTF_8), resource(STYLESHEET));
  }

  byte[] html() {
    return html.clone();
  }

  byte[] css() {
    return css.clone();
  }

  private static String title(Node guide) {
    for (Node node = guide.getFirstChild(); node != null; node = node.getNext()) {
      if (node instanceof Heading heading && heading.getLevel() == 1) {
        return TextContentRenderer.builder().build().render(heading).strip();
      }
    }
    throw new IllegalStateException(MARKDOWN + " has no title (a '# ' heading)");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static byte[] resource(String name) {
    try (InputStream in = GuidePage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
