package io.tsllm.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formats a head's metrics as a small table with the model's row beside each baseline's: a metric {@code k} and
 * its baselines {@code naive_k} (the trivial one every head reports) and {@code interp_k} (interpolation, for
 * imputation) share a column. Structured entries ({@code confusion.0.1}) stay in metrics.json, out of the console
 * table.
 */
final class ResultTable {

  private static final List<String> BASELINES = List.of("naive", "interp");

  private ResultTable() {}

  static String format(Map<String, Double> metrics) {
    List<String> columns = new ArrayList<>();
    for (String name : metrics.keySet()) {
      if (BASELINES.stream().noneMatch(b -> name.startsWith(b + "_")) && !name.contains(".")) {
        columns.add(name);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("  %-8s", ""));
    columns.forEach(c -> out.append(String.format(" %14s", c)));
    out.append('\n').append(String.format("  %-8s", "model"));
    columns.forEach(c -> out.append(String.format(" %14.6f", metrics.get(c))));
    for (String baseline : BASELINES) {
      if (columns.stream().noneMatch(c -> metrics.containsKey(baseline + "_" + c))) {
        continue;
      }
      out.append('\n').append(String.format("  %-8s", baseline));
      columns.forEach(c -> {
        Double v = metrics.get(baseline + "_" + c);
        out.append(v == null ? String.format(" %14s", "-") : String.format(" %14.6f", v));
      });
    }
    return out.toString();
  }
}
