package io.tsllm.heads.pick;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Measures on the training split what the baselines pick with: each phase's median labelled arrival
 * ({@code <phase>_median_arrival}) and, for every phase after the first, the median gap to the first phase's
 * arrival in windows labelling both ({@code <phase>_median_gap}, S - P).
 */
final class ArrivalCalibrator implements Evaluator {

  private final PickHeadConfig config;
  private final int length;
  private final DescriptiveStatistics[] arrivals;
  private final DescriptiveStatistics[] gaps;

  ArrivalCalibrator(PickHeadConfig config, int length) {
    this.config = config;
    this.length = length;
    int phases = config.phases().size();
    this.arrivals = new DescriptiveStatistics[phases];
    this.gaps = new DescriptiveStatistics[phases];
    for (int i = 0; i < phases; i++) {
      arrivals[i] = new DescriptiveStatistics();
      gaps[i] = new DescriptiveStatistics();
    }
  }

  static String arrivalKey(PickHeadConfig config, int phase) {
    return config.prefix(phase) + "median_arrival";
  }

  static String gapKey(PickHeadConfig config, int phase) {
    return config.prefix(phase) + "median_gap";
  }

  @Override
  public void add(EvaluationBatch batch) {
    int phases = config.phases().size();
    for (int s = 0; s < batch.count(); s++) {
      int offset = s * length * phases;
      int first = PickLabels.arrival(batch.targets(), offset, length, phases, 0);
      for (int c = 0; c < phases; c++) {
        int arrival = PickLabels.arrival(batch.targets(), offset, length, phases, c);
        if (arrival >= 0) {
          arrivals[c].addValue(arrival);
          if (c > 0 && first >= 0) {
            gaps[c].addValue(arrival - first);
          }
        }
      }
    }
  }

  @Override
  public Map<String, Double> metrics() {
    Median median = new Median();
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int c = 0; c < arrivals.length; c++) {
      metrics.put(arrivalKey(config, c), arrivals[c].getN() == 0 ? Double.NaN : median.evaluate(
          arrivals[c].getValues()));
      if (c > 0) {
        metrics.put(gapKey(config, c), gaps[c].getN() == 0 ? Double.NaN : median.evaluate(gaps[c].getValues()));
      }
    }
    return metrics;
  }
}
