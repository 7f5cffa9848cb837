package io.tsllm.datasets.hdf5;

/** Per-trace targets in the layout of the dataset's window shape. */
interface TraceTargets {

  void copy(int trace, float[] dest, int offset);

  /** Values per trace, {@code [1, k]} (regression) or a class index {@code [1, 1]}. */
  static TraceTargets perTrace(float[][] columns) {
    return (trace, dest, offset) -> {
      for (int k = 0; k < columns.length; k++) {
        dest[offset + k] = columns[k][trace];
      }
    };
  }

  /**
   * A label per sample for each pick column {@code [samples, k]}: a Gaussian of width {@code sigma} samples around
   * the pick, peak 1; only the pick's sample when {@code sigma} is 0; 0 everywhere without a pick.
   */
  static TraceTargets picks(float[][] columns, int samples, double sigma) {
    return (trace, dest, offset) -> {
      int k = columns.length;
      for (int c = 0; c < k; c++) {
        float pick = columns[c][trace];
        for (int t = 0; t < samples; t++) {
          float label = 0;
          if (Float.isFinite(pick) && pick >= 0) {
            double d = t - pick;
            label = sigma == 0 ? (Math.abs(d) < 0.5 ? 1 : 0) : (float) Math.exp(-d * d / (2 * sigma * sigma));
          }
          dest[offset + t * k + c] = label;
        }
      }
    };
  }
}
