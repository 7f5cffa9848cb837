package io.tsllm.heads.pick;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Detection scored sample by sample, as SeisMoLLM does: a sample is detected where the detection probability is at
 * or above the threshold, and labelled inside the window's detection span.
 */
final class DetectionScore {

  static final String PREFIX = "det_";
  private long both;
  private long detected;
  private long labelled;

  /** One sample. */
  void add(boolean isDetected, boolean isLabelled) {
    both += isDetected && isLabelled ? 1 : 0;
    detected += isDetected ? 1 : 0;
    labelled += isLabelled ? 1 : 0;
  }

  /** {@code det_precision}, {@code det_recall}, {@code det_f1} after {@code prefix} (0 where undefined). */
  Map<String, Double> metrics(String prefix) {
    double precision = detected == 0 ? 0 : (double) both / detected;
    double recall = labelled == 0 ? 0 : (double) both / labelled;
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(prefix + PREFIX + "precision", precision);
    metrics.put(prefix + PREFIX + "recall", recall);
    metrics.put(prefix + PREFIX + "f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    return metrics;
  }
}
