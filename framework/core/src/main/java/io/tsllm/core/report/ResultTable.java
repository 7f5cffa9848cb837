package io.tsllm.core.report;

import io.tsllm.spi.Baseline;
import io.tsllm.spi.HeadContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats a head's metrics as a small table: the model's row, then one row per baseline the head declared, a
 * metric {@code k} and each baseline's {@code <prefix>k} sharing a column. Structured entries
 * ({@code confusion.0.1}) stay in metrics.json, out of the console table.
 */
public final class ResultTable {

  private ResultTable() {}

  public static String format(HeadContract contract, Map<String, Double> metrics) {
    List<Baseline> baselines = contract.baselines();
    List<String> columns = new ArrayList<>();
    for (String name : metrics.keySet()) {
      if (baselines.stream().noneMatch(b -> name.startsWith(b.prefix())) && !name.contains(".")) {
        columns.add(name);
      }
    }
    int label = 8;
    for (Baseline baseline : baselines) {
      label = Math.max(label, baseline.label().length());
    }
    String labelFormat = "  %-" + label + "s";
    StringBuilder out = new StringBuilder();
    out.append(String.format(labelFormat, ""));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %14s", c)));
    out.append('\n').append(String.format(labelFormat, "model"));
    columns.forEach(c -> out.append(String.format(Locale.ROOT, " %14.6f", metrics.get(c))));
    for (Baseline baseline : baselines) {
      if (columns.stream().noneMatch(c -> metrics.containsKey(baseline.key(c)))) {
        continue;
      }
      out.append('\n').append(String.format(labelFormat, baseline.label()));
      columns.forEach(c -> {
        Double v = metrics.get(baseline.key(c));
        out.append(v == null ? String.format(Locale.ROOT, " %14s", "-") : String.format(Locale.ROOT, " %14.6f", v));
      });
    }
    return out.toString();
  }
}
