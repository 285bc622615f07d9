package com.classlark.scim.bench.http;

import com.classlark.scim.protocol.resource.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the figures were measured on: cores, memory, Java, and how busy the machine was at the
 * start.
 */
final class Machine {
  private Machine() {}

  static ObjectNode describe() {
    ObjectNode machine = Json.object();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("memTotal", firstLine("/proc/meminfo", "MemTotal:"));
    machine.put("loadAverageAtStart", firstLine("/proc/loadavg", ""));
    machine.put(
        "java",
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  private static String firstLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(prefix))
          .findFirst()
          .map(line -> line.substring(prefix.length()).trim())
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
