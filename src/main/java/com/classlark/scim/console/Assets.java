package com.classlark.scim.console;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * The console's static files: its stylesheets and script, htmx and uPlot from their webjars. Each
 * is served under a name that changes with its content (a hash, or htmx's version), so browsers may
 * keep it for a year. Loaded once at start; a missing file fails the start, not a page.
 */
final class Assets {
  private static final String HTMX_WEBJAR = "META-INF/resources/webjars/htmx.org/";
  private static final String HTMX_POM = "META-INF/maven/org.webjars.npm/htmx.org/pom.properties";
  private static final String UPLOT_WEBJAR = "META-INF/resources/webjars/uplot/";
  private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

  /**
   * The paths the pages link to: the layout's stylesheet and htmx; the support and provisioning
   * pages' stylesheet and script (copy buttons, the chart); uPlot and its stylesheet for the chart.
   */
  public record Paths(
      String stylesheet,
      String htmx,
      String pagesStylesheet,
      String script,
      String uplot,
      String uplotStylesheet) {}

  private record Asset(String mediaType, byte[] content) {}

  private final Map<String, Asset> byName;
  private final Paths paths;

  private Assets(Map<String, Asset> byName, Paths paths) {
    this.byName = byName;
    this.paths = paths;
  }

  static Assets load() {
    byte[] css = read("console/console.css");
    byte[] pagesCss = read("console/pages.css");
    byte[] script = read("console/console.js");
    String htmxVersion = webjarVersion(HTMX_POM);
    byte[] htmx = read(HTMX_WEBJAR + htmxVersion + "/dist/htmx.min.js");
    String uplotVersion = webjarVersion(UPLOT_POM);
    byte[] uplot = read(UPLOT_WEBJAR + uplotVersion + "/dist/uPlot.iife.min.js");
    byte[] uplotCss = read(UPLOT_WEBJAR + uplotVersion + "/dist/uPlot.min.css");
    String cssName = "console-" + shortHash(css) + ".css";
    String htmxName = "htmx-" + htmxVersion + ".min.js";
    String pagesCssName = "pages-" + shortHash(pagesCss) + ".css";
    String scriptName = "console-" + shortHash(script) + ".js";
    String uplotName = "uPlot-" + uplotVersion + ".iife.min.js";
    String uplotCssName = "uPlot-" + uplotVersion + ".min.css";
    String js = "text/javascript; charset=utf-8";
    String stylesheet = "text/css; charset=utf-8";
    return new Assets(
        Map.of(
            cssName, new Asset(stylesheet, css),
            htmxName, new Asset(js, htmx),
            pagesCssName, new Asset(stylesheet, pagesCss),
            scriptName, new Asset(js, script),
            uplotName, new Asset(js, uplot),
            uplotCssName, new Asset(stylesheet, uplotCss)),
        new Paths(
            ConsolePaths.ASSETS + "/" + cssName,
            ConsolePaths.ASSETS + "/" + htmxName,
            ConsolePaths.ASSETS + "/" + pagesCssName,
            ConsolePaths.ASSETS + "/" + scriptName,
            ConsolePaths.ASSETS + "/" + uplotName,
            ConsolePaths.ASSETS + "/" + uplotCssName));
  }

  Paths paths() {
    return paths;
  }

  /** Serves the named file, or answers 404 through the console's error page. */
  void serve(Context ctx, String name) {
    Asset asset = byName.get(name);
    if (asset == null) {
      throw new io.javalin.http.NotFoundResponse();
    }
    ctx.header("Cache-Control", CACHE_FOREVER);
    ctx.status(200).contentType(asset.mediaType()).result(asset.content());
  }

  private static String webjarVersion(String pomProperties) {
    Properties properties = new Properties();
    try (InputStream in = resource(pomProperties)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static byte[] read(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Assets.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the console's asset " + name + " is missing from the jar");
    }
    return in;
  }

  private static String shortHash(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content), 0, 6);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
