package com.classlark.scim.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Values for {@code IN (<ids>)} lists in slices of at most {@value #CHUNK}: well within every
 * engine's limit on bound parameters, whatever the number of values.
 */
final class InLists {
  static final int CHUNK = 500;

  private InLists() {}

  /** The values in lists of at most {@value #CHUNK}, in order. */
  static List<List<String>> chunks(List<String> values) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < values.size(); from += CHUNK) {
      chunks.add(values.subList(from, Math.min(values.size(), from + CHUNK)));
    }
    return chunks;
  }
}
