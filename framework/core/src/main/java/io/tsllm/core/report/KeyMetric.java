package io.tsllm.core.report;

import io.tsllm.spi.Baseline;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.MetricSpec.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of a head's key metrics on a split, beside the values its baselines reached: what summaries show, built from
 * the head's declarations alone.
 *
 * @param baselines each baseline's value of the metric, by the baseline's label (those the evaluator reported)
 * @param beatsBaselines whether the model is better than every baseline, in the metric's direction
 */
public record KeyMetric(
    String name, Direction direction, double value, Map<String, Double> baselines, boolean beatsBaselines) {

  public KeyMetric {
    baselines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
  }

  /** The key metrics {@code contract} declares, with the values found in {@code metrics}; absent ones left out. */
  public static List<KeyMetric> of(HeadContract contract, Map<String, Double> metrics) {
    List<KeyMetric> keys = new ArrayList<>();
    for (MetricSpec spec : contract.keyMetrics()) {
      Double value = metrics.get(spec.name());
      if (value == null) {
        continue;
      }
      Map<String, Double> baselines = new LinkedHashMap<>();
      boolean beats = true;
      for (Baseline baseline : contract.baselines()) {
        Double other = metrics.get(baseline.key(spec.name()));
        if (other != null) {
          baselines.put(baseline.label(), other);
          beats &= spec.direction().better(value, other);
        }
      }
      keys.add(new KeyMetric(spec.name(), spec.direction(), value, baselines, beats && !baselines.isEmpty()));
    }
    return keys;
  }

  /** {@code mse 0.3704 (naive 1.2944)}. */
  public String format() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %.4f", name, value));
    if (!baselines.isEmpty()) {
      List<String> others = new ArrayList<>();
      baselines.forEach((label, v) -> others.add(String.format(Locale.ROOT, "%s %.4f", label, v)));
      text.append(" (").append(String.join(", ", others)).append(')');
    }
    return text.toString();
  }
}
