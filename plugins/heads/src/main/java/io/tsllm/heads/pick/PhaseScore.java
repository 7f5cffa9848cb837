package io.tsllm.heads.pick;

import io.tsllm.spi.ProbabilityPeaks.Peak;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Picks of one phase against its labelled arrivals, window by window, as the field scores them: the pick closest to
 * a window's arrival is a true positive when within the tolerance (inclusive), and its residual (pick minus
 * arrival) counts; every other pick of the window is a false positive; an arrival without such a pick is a false
 * negative. Two picks within one tolerance window of an arrival are one true and one false positive.
 */
final class PhaseScore {

  private final double toleranceSamples;
  private long truePositives;
  private long falsePositives;
  private long falseNegatives;
  private final SummaryStatistics residuals = new SummaryStatistics();
  private final SummaryStatistics absoluteResiduals = new SummaryStatistics();

  PhaseScore(double toleranceSamples) {
    this.toleranceSamples = toleranceSamples;
  }

  /** One window: its labelled arrival ({@code -1}: none) and the picks made in it. */
  void add(int arrival, List<Peak> picks) {
    if (arrival < 0) {
      falsePositives += picks.size();
      return;
    }
    Peak closest = null;
    for (Peak pick : picks) {
      if (closest == null || Math.abs(pick.index() - arrival) < Math.abs(closest.index() - arrival)) {
        closest = pick;
      }
    }
    if (closest != null && Math.abs(closest.index() - arrival) <= toleranceSamples + 1e-9) {
      truePositives++;
      falsePositives += picks.size() - 1;
      int residual = (int) (closest.index() - arrival);
      residuals.addValue(residual);
      absoluteResiduals.addValue(Math.abs(residual));
    } else {
      falseNegatives++;
      falsePositives += picks.size();
    }
  }

  long truePositives() {
    return truePositives;
  }

  long falsePositives() {
    return falsePositives;
  }

  long falseNegatives() {
    return falseNegatives;
  }

  /**
   * Precision, recall and F1 (0 where nothing was picked or labelled), and the true positives' residuals in samples
   * and seconds (NaN without true positives; the standard deviation is the population one), keyed
   * {@code prefix + name}.
   */
  Map<String, Double> metrics(String prefix, double samplingRate) {
    double precision = ratio(truePositives, truePositives + falsePositives);
    double recall = ratio(truePositives, truePositives + falseNegatives);
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(prefix + "precision", precision);
    metrics.put(prefix + "recall", recall);
    metrics.put(prefix + "f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    boolean any = residuals.getN() > 0;
    double mean = any ? residuals.getMean() : Double.NaN;
    double std = any ? Math.sqrt(residuals.getPopulationVariance()) : Double.NaN;
    double mae = any ? absoluteResiduals.getMean() : Double.NaN;
    metrics.put(prefix + "residual_mean", mean);
    metrics.put(prefix + "residual_std", std);
    metrics.put(prefix + "residual_mae", mae);
    metrics.put(prefix + "residual_mean_s", mean / samplingRate);
    metrics.put(prefix + "residual_std_s", std / samplingRate);
    metrics.put(prefix + "residual_mae_s", mae / samplingRate);
    return metrics;
  }

  /** The metric names {@link #metrics} reports after {@code prefix}. */
  static List<String> names() {
    return List.of("precision", "recall", "f1", "residual_mean", "residual_std", "residual_mae", "residual_mean_s",
        "residual_std_s", "residual_mae_s");
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
