package io.tsllm.heads.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.WindowShape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyMetricsTest {

  static boolean[] flags(String pattern) {
    boolean[] out = new boolean[pattern.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = pattern.charAt(i) == '1';
    }
    return out;
  }

  @Test
  void pointAdjustmentFlagsWholeSegmentsWithOneHit() {
    boolean[] labels = flags("0111001110");
    boolean[] detected = flags("0010000001");
    assertArrayEquals(flags("0111000001"), DetectionCounts.pointAdjusted(detected, labels, 10));
  }

  @Test
  void precisionRecallAndF1PlainAndAdjusted() {
    boolean[] labels = flags("0111001110");
    boolean[] detected = flags("0010000001");
    Map<String, Double> metrics = new HashMap<>();
    DetectionCounts.report(detected, labels, 10, "", metrics);
    assertEquals(0.5, metrics.get("precision"), 1e-12);
    assertEquals(1 / 6.0, metrics.get("recall"), 1e-12);
    assertEquals(2 * 0.5 / 6 / (0.5 + 1 / 6.0), metrics.get("f1"), 1e-12);
    DetectionCounts.report(DetectionCounts.pointAdjusted(detected, labels, 10), labels, 10, "pa_", metrics);
    assertEquals(0.75, metrics.get("pa_precision"), 1e-12);
    assertEquals(0.5, metrics.get("pa_recall"), 1e-12);
  }

  private static EvaluationBatch batch(float[] scores, float[] labels) {
    int n = scores.length;
    return new EvaluationBatch(new float[n], new float[n], labels, Map.of(ReconstructHead.SCORE, scores), 1);
  }

  @Test
  void thresholdIsTheTrainingScoresPercentileLikeNumPy() {
    ThresholdCalibrator calibrator = new ThresholdCalibrator(5, 20);
    calibrator.add(batch(new float[] {1, 2, 3, 4, 5}, new float[5]));
    // numpy.percentile([1, 2, 3, 4, 5], 80) = 4.2 (linear interpolation).
    assertEquals(4.2, calibrator.metrics().get("threshold"), 1e-6);
  }

  @Test
  void evaluatorFlagsStepsAboveTheThresholdInOrder() {
    WindowShape shape = WindowShape.stepLabels(5, List.of("x"), List.of("anomaly"));
    AnomalyEvaluator evaluator = new AnomalyEvaluator(shape, 2.5, true);
    evaluator.add(batch(new float[] {1, 3, 1, 1, 1}, new float[] {0, 1, 1, 0, 0}));
    evaluator.add(batch(new float[] {1, 1, 1, 4, 1}, new float[] {0, 0, 0, 0, 1}));
    Map<String, Double> metrics = evaluator.metrics();
    assertEquals(0.5, metrics.get("precision"), 1e-12, "steps 1 and 8 flagged, step 1 labelled");
    assertEquals(1 / 3.0, metrics.get("recall"), 1e-12);
    assertEquals(2 / 3.0, metrics.get("pa_recall"), 1e-12, "segment 1-2 found, step 9 missed");
    assertEquals(0.3, metrics.get("anomaly_ratio"), 1e-12);
    assertEquals(0.3, metrics.get("naive_precision"), 1e-12, "flagging everything");
    assertFalse(new AnomalyEvaluator(shape, null, true).metrics().containsKey("f1"), "no threshold, no F1");
  }
}
