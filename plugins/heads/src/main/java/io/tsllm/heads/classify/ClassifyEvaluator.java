package io.tsllm.heads.classify;

import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accuracy, macro-F1 (the mean of per-class F1, a class never predicted nor present counting as 0) and the
 * confusion matrix ({@code confusion.<true>.<predicted>} counts); beside them the majority-class baseline of the
 * evaluated split ({@code naive_accuracy}, {@code naive_macro_f1}), the constant guess a model must beat.
 */
final class ClassifyEvaluator implements Evaluator {

  private final int classes;
  private final long[][] confusion;

  ClassifyEvaluator(int classes) {
    this.classes = classes;
    this.confusion = new long[classes][classes];
  }

  @Override
  public void add(EvaluationBatch batch) {
    float[] predictions = batch.predictions();
    float[] targets = batch.targets();
    int count = batch.count();
    for (int s = 0; s < count; s++) {
      int predicted = 0;
      for (int c = 1; c < classes; c++) {
        if (predictions[s * classes + c] > predictions[s * classes + predicted]) {
          predicted = c;
        }
      }
      confusion[(int) targets[s]][predicted]++;
    }
  }

  @Override
  public Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    long total = 0;
    long correct = 0;
    long[] support = new long[classes];
    for (int t = 0; t < classes; t++) {
      for (int p = 0; p < classes; p++) {
        total += confusion[t][p];
        support[t] += confusion[t][p];
      }
      correct += confusion[t][t];
    }
    metrics.put("accuracy", total == 0 ? Double.NaN : (double) correct / total);
    metrics.put("macro_f1", macroF1(confusion));
    int majority = 0;
    for (int c = 1; c < classes; c++) {
      if (support[c] > support[majority]) {
        majority = c;
      }
    }
    long[][] constant = new long[classes][classes];
    for (int t = 0; t < classes; t++) {
      constant[t][majority] = support[t];
    }
    metrics.put("naive_accuracy", total == 0 ? Double.NaN : (double) support[majority] / total);
    metrics.put("naive_macro_f1", macroF1(constant));
    for (int t = 0; t < classes; t++) {
      for (int p = 0; p < classes; p++) {
        metrics.put("confusion." + t + "." + p, (double) confusion[t][p]);
      }
    }
    return metrics;
  }

  private double macroF1(long[][] matrix) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      long tp = matrix[c][c];
      long fp = 0;
      long fn = 0;
      for (int o = 0; o < classes; o++) {
        if (o != c) {
          fp += matrix[o][c];
          fn += matrix[c][o];
        }
      }
      sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
    return sum / classes;
  }
}
