package io.tsllm.embedders.timellm;

import java.util.Arrays;
import java.util.List;

/**
 * The input statistics Time-LLM writes into its prompt, of one channel of one window after instance normalization
 * (as its {@code forecast} computes them): minimum, maximum, median (PyTorch's {@code torch.median}: the lower of
 * the two middle values for an even count), trend (the sum of the first differences, "upward" when positive) and the
 * {@code k} lags with the largest circular autocorrelation, largest first (its {@code calcute_lags}: the inverse FFT
 * of the power spectrum, which includes lag 0). The autocorrelation here is the exact circular one over all
 * {@code n} lags; PyTorch's {@code irfft} without a length returns {@code n - 1} of them for an odd {@code n}, so
 * for odd look-backs Time-LLM's lags differ slightly.
 */
record PromptStatistics(float min, float max, float median, boolean upward, List<Integer> topLags) {

  /** GPT4TS and Time-LLM add this inside the square root of the variance. */
  static final double EPSILON = 1e-5;

  /**
   * @param series one channel of one window, in any units: it is normalized here first, in float32 as the model
   *     does
   */
  static PromptStatistics of(float[] series, int topLags) {
    int n = series.length;
    float[] x = normalized(series);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float[] sorted = x.clone();
    Arrays.sort(sorted);
    float median = sorted[(n - 1) / 2];
    double trend = 0;
    for (int t = 1; t < n; t++) {
      trend += x[t] - x[t - 1];
    }
    return new PromptStatistics(min, max, median, trend > 0, lags(x, topLags));
  }

  private static float[] normalized(float[] series) {
    double mean = 0;
    for (float v : series) {
      mean += v;
    }
    mean /= series.length;
    double variance = 0;
    for (float v : series) {
      variance += (v - mean) * (v - mean);
    }
    variance /= series.length;
    float std = (float) Math.sqrt(variance + EPSILON);
    float[] x = new float[series.length];
    for (int t = 0; t < x.length; t++) {
      x[t] = (float) ((series[t] - mean) / std);
    }
    return x;
  }

  /** The lags of the {@code k} largest values of the circular autocorrelation, largest first, lower lag on ties. */
  private static List<Integer> lags(float[] x, int k) {
    int n = x.length;
    double[] correlation = new double[n];
    for (int lag = 0; lag < n; lag++) {
      double sum = 0;
      for (int t = 0; t < n; t++) {
        sum += (double) x[t] * x[(t + lag) % n];
      }
      correlation[lag] = sum;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> correlation[a] != correlation[b]
        ? Double.compare(correlation[b], correlation[a]) : Integer.compare(a, b));
    return List.of(Arrays.copyOf(order, Math.min(k, n)));
  }
}
