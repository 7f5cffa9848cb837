package io.tsllm.heads.reconstruct;

import java.util.Map;

/**
 * Precision, recall and F1 of per-step anomaly flags against labels (anomaly = the positive class), plain and
 * point-adjusted. Point adjustment (Xu et al. 2018, used by Anomaly Transformer and GPT4TS) counts a whole labelled
 * anomaly segment as found when any of its steps is flagged; it inflates scores (flagging steps at random already
 * scores well), so both are reported and the adjusted ones carry the prefix {@code pa_}.
 */
final class DetectionCounts {

  private DetectionCounts() {}

  /** @param prefix put before {@code precision}, {@code recall} and {@code f1} */
  static void report(boolean[] flags, boolean[] labels, int steps, String prefix, Map<String, Double> metrics) {
    long truePositive = 0;
    long flagged = 0;
    long positive = 0;
    for (int i = 0; i < steps; i++) {
      truePositive += flags[i] && labels[i] ? 1 : 0;
      flagged += flags[i] ? 1 : 0;
      positive += labels[i] ? 1 : 0;
    }
    double precision = flagged == 0 ? 0 : (double) truePositive / flagged;
    double recall = positive == 0 ? 0 : (double) truePositive / positive;
    metrics.put(prefix + "precision", precision);
    metrics.put(prefix + "recall", recall);
    metrics.put(prefix + "f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
  }

  /** The flags after point adjustment: every labelled segment with a flagged step flagged whole. */
  static boolean[] pointAdjusted(boolean[] flags, boolean[] labels, int steps) {
    boolean[] adjusted = java.util.Arrays.copyOf(flags, steps);
    int i = 0;
    while (i < steps) {
      if (!labels[i]) {
        i++;
        continue;
      }
      int end = i;
      boolean hit = false;
      while (end < steps && labels[end]) {
        hit |= flags[end];
        end++;
      }
      if (hit) {
        java.util.Arrays.fill(adjusted, i, end, true);
      }
      i = end;
    }
    return adjusted;
  }
}
