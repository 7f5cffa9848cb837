package io.tsllm.heads.reconstruct;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.WindowShape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.moment.Mean;

/**
 * Reconstruction error ({@code mse}, {@code mae} over every value) and, when a threshold is known and the data is
 * labelled, anomaly detection over the split's steps in order: precision, recall and F1 plain and point-adjusted
 * ({@code pa_}), beside the trivial detector that flags every step ({@code naive_}).
 */
final class AnomalyEvaluator implements Evaluator {

  private final WindowShape shape;
  private final Double threshold;
  private final ScoreSeries scores;
  private final Mean squared = new Mean();
  private final Mean absolute = new Mean();

  /** @param threshold null when none is known yet (validation passes with a percentile threshold) */
  AnomalyEvaluator(WindowShape shape, Double threshold, boolean labelled) {
    this.shape = shape;
    this.threshold = threshold;
    this.scores = new ScoreSeries(shape.inputLength(), labelled);
  }

  @Override
  public void add(EvaluationBatch batch) {
    int n = batch.count() * shape.inputSize();
    for (int i = 0; i < n; i++) {
      double error = batch.predictions()[i] - batch.inputs()[i];
      squared.increment(error * error);
      absolute.increment(Math.abs(error));
    }
    scores.add(batch);
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("mse", squared.getResult());
    metrics.put("mae", absolute.getResult());
    if (threshold == null) {
      return metrics;
    }
    metrics.put(ThresholdCalibrator.THRESHOLD, threshold);
    int steps = scores.steps();
    boolean[] flags = scores.flags(threshold);
    long flagged = 0;
    long positive = 0;
    for (int i = 0; i < steps; i++) {
      flagged += flags[i] ? 1 : 0;
      positive += scores.labels()[i] ? 1 : 0;
    }
    metrics.put("flagged_ratio", steps == 0 ? 0 : (double) flagged / steps);
    if (positive == 0) {
      return metrics;
    }
    metrics.put("anomaly_ratio", (double) positive / steps);
    DetectionCounts.report(flags, scores.labels(), steps, "", metrics);
    DetectionCounts.report(DetectionCounts.pointAdjusted(flags, scores.labels(), steps), scores.labels(), steps,
        "pa_", metrics);
    boolean[] all = new boolean[steps];
    java.util.Arrays.fill(all, true);
    DetectionCounts.report(all, scores.labels(), steps, "naive_", metrics);
    return metrics;
  }
}
