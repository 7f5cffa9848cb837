package io.tsllm.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formats a head's metrics as a small table with the model's row beside the naive baseline's: a metric {@code k}
 * and its baseline {@code naive_k} share a column. Structured entries ({@code confusion.0.1}) stay in
 * metrics.json, out of the console table.
 */
final class ResultTable {

  private ResultTable() {}

  static String format(Map<String, Double> metrics) {
    List<String> columns = new ArrayList<>();
    for (String name : metrics.keySet()) {
      if (!name.startsWith("naive_") && !name.contains(".")) {
        columns.add(name);
      }
    }
    boolean hasBaseline = columns.stream().anyMatch(c -> metrics.containsKey("naive_" + c));
    StringBuilder out = new StringBuilder();
    out.append(String.format("  %-8s", ""));
    columns.forEach(c -> out.append(String.format(" %14s", c)));
    out.append('\n').append(String.format("  %-8s", "model"));
    columns.forEach(c -> out.append(String.format(" %14.6f", metrics.get(c))));
    if (hasBaseline) {
      out.append('\n').append(String.format("  %-8s", "naive"));
      columns.forEach(c -> {
        Double v = metrics.get("naive_" + c);
        out.append(v == null ? String.format(" %14s", "-") : String.format(" %14.6f", v));
      });
    }
    return out.toString();
  }
}
