package io.tsllm.heads.reconstruct;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The anomaly threshold: the {@code 100 - anomaly_ratio} percentile of the training split's scores (linear
 * interpolation between order statistics, as NumPy's default).
 */
final class ThresholdCalibrator implements Evaluator {

  static final String THRESHOLD = "threshold";
  private final double anomalyRatio;
  private final ScoreSeries scores;

  ThresholdCalibrator(int windowLength, double anomalyRatio) {
    this.anomalyRatio = anomalyRatio;
    this.scores = new ScoreSeries(windowLength, false);
  }

  @Override
  public void add(EvaluationBatch batch) {
    scores.add(batch);
  }

  @Override
  public Map<String, Double> metrics() {
    double threshold = new Percentile().withEstimationType(Percentile.EstimationType.R_7)
        .evaluate(scores.scores(), 100 - anomalyRatio);
    return Map.of(THRESHOLD, threshold);
  }
}
