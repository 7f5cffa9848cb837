package io.tsllm.core.run;

import io.tsllm.core.report.KeyMetric;
import io.tsllm.core.train.EpochRecord;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.json}: what a completed run measured.
 *
 * @param test the head's metrics on the test split, with the best weights
 * @param keyMetrics the head's key metrics on the test split beside its baselines, as it declared them
 * @param calibration what the head measured on the training split before the test pass (empty when nothing)
 * @param epochs per-epoch training and validation figures
 * @param parameters all parameters of the model
 * @param trainableParameters those that trained
 */
public record RunMetrics(
    Map<String, Double> test,
    List<KeyMetric> keyMetrics,
    Map<String, Double> calibration,
    double testLoss,
    int testWindows,
    int bestEpoch,
    boolean stoppedEarly,
    List<EpochRecord> epochs,
    long parameters,
    long trainableParameters) {

  public RunMetrics {
    keyMetrics = keyMetrics == null ? List.of() : List.copyOf(keyMetrics);
    calibration = calibration == null ? Map.of() : calibration;
  }
}
