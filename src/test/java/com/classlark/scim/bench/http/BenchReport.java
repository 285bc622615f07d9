package com.classlark.scim.bench.http;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one harness run: a JSON document for machines and a Markdown table for people,
 * with every throughput also given as a ratio to the baseline, and the targets of
 * docs/benchmarks.md checked where they can be.
 */
final class BenchReport {
  private final ObjectNode json = Json.object();
  private final ArrayNode scenarios = json.putArray("scenarios");
  private final ObjectNode figures = json.putObject("figures");
  private final List<Scenario> order = new ArrayList<>();
  private final Map<String, LoadResult> results = new LinkedHashMap<>();
  private final List<String> figureLines = new ArrayList<>();

  BenchReport(ObjectNode run, ObjectNode machine) {
    json.set("run", run);
    json.set("machine", machine);
  }

  void measured(Scenario scenario, LoadResult result) {
    order.add(scenario);
    results.put(scenario.name(), result);
  }

  /**
   * The ceiling every ratio refers to: the better of the baseline's two runs (first and last), so
   * that a server still warming up or a busy moment of the machine does not flatter the others.
   */
  double baseline() {
    return Math.max(
        throughputOrZero(UserScenarios.BASELINE), throughputOrZero(UserScenarios.BASELINE_AGAIN));
  }

  private double throughputOrZero(String scenario) {
    Double throughput = throughput(scenario);
    return throughput == null ? 0 : throughput;
  }

  /** A one-off figure such as the initial sync time or resident memory. */
  void figure(String key, String label, double value, String unit) {
    figures.put(key, round(value));
    figureLines.add(String.format(Locale.ROOT, "| %s | %,.1f %s |", label, value, unit));
  }

  /** A one-off fact in words, e.g. that a group was smaller than wanted. */
  void note(String key, String label, String text) {
    figures.put(key, text);
    figureLines.add("| " + label + " | " + text + " |");
  }

  void detail(String key, ObjectNode value) {
    figures.set(key, value);
  }

  /**
   * Checks a target.
   *
   * @param value the measured value, or null when this run could not measure it
   * @param whyMissing what to say when {@code value} is null, e.g. "pending: Groups"
   */
  void target(
      String target,
      Double value,
      double threshold,
      boolean atMost,
      String unit,
      String whyMissing) {
    ObjectNode row = json.withArray("targets").addObject();
    row.put("target", target);
    String verdict;
    if (value == null) {
      row.putNull("met");
      row.put("missing", whyMissing);
      verdict = whyMissing;
    } else {
      boolean met = atMost ? value <= threshold : value >= threshold;
      row.put("value", round(value));
      row.put("met", met);
      verdict = String.format(Locale.ROOT, "%.2f %s: %s", value, unit, met ? "met" : "NOT met");
    }
    figureLines.add("| target: " + target + " | " + verdict + " |");
  }

  /** Throughput of a measured scenario, or null. */
  Double throughput(String scenario) {
    LoadResult result = results.get(scenario);
    return result == null ? null : result.throughput();
  }

  /** The result of a measured scenario, or null. */
  LoadResult result(String scenario) {
    return results.get(scenario);
  }

  String markdown() {
    double baseline = baseline();
    StringBuilder text = new StringBuilder();
    if (!order.isEmpty()) {
      text.append("| Scenario | req/s | mean ms | p50 ms | p99 ms | % of baseline | errors |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|\n");
      for (Scenario scenario : order) {
        LoadResult result = results.get(scenario.name());
        text.append(row(scenario.name(), result, baseline));
        result.parts().forEach((part, partResult) -> text.append(row("↳ " + part, partResult, 0)));
      }
      text.append('\n');
    }
    text.append("| Figure | Value |\n|---|---:|\n");
    figureLines.forEach(line -> text.append(line).append('\n'));
    return text.toString();
  }

  /** A table row; the share of the baseline is left empty when {@code baseline} is 0. */
  private static String row(String name, LoadResult result, double baseline) {
    return String.format(
        Locale.ROOT,
        "| %s | %,.0f | %.2f | %.2f | %.2f | %s | %d |%n",
        name,
        result.throughput(),
        result.meanMillis(),
        result.percentileMillis(50),
        result.percentileMillis(99),
        baseline == 0
            ? ""
            : String.format(Locale.ROOT, "%.0f%%", 100 * result.throughput() / baseline),
        result.errors());
  }

  private void scenariosJson() {
    double baseline = baseline();
    scenarios.removeAll();
    for (Scenario scenario : order) {
      ObjectNode row = scenarios.addObject();
      row.put("name", scenario.name());
      row.put("meaning", scenario.meaning());
      LoadResult result = results.get(scenario.name());
      resultJson(row, result);
      row.put("ratioToBaseline", round(result.throughput() / baseline));
      if (!result.parts().isEmpty()) {
        ObjectNode parts = row.putObject("parts");
        result.parts().forEach((part, partResult) -> resultJson(parts.putObject(part), partResult));
      }
    }
  }

  private static void resultJson(ObjectNode row, LoadResult result) {
    row.put("requests", result.requests());
    row.put("errors", result.errors());
    row.put("seconds", result.seconds());
    row.put("throughputPerSecond", round(result.throughput()));
    row.put("meanMs", round(result.meanMillis()));
    row.put("p50Ms", round(result.percentileMillis(50)));
    row.put("p90Ms", round(result.percentileMillis(90)));
    row.put("p99Ms", round(result.percentileMillis(99)));
    row.put("maxMs", round(result.maxMillis()));
    if (result.firstError() != null) {
      row.put("firstError", result.firstError());
    }
  }

  void write(Path json, Path markdown) throws IOException {
    Files.createDirectories(json.toAbsolutePath().getParent());
    scenariosJson();
    Files.writeString(
        json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this.json));
    Files.writeString(markdown, markdown());
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
