package io.tsllm.spi;

/** What a dataset's targets are; heads check it to refuse data they cannot learn from. */
public enum TargetKind {
  /** The next {@code target_length} steps of the last {@code target_channels} input channels (forecasting). */
  FUTURE,
  /** A class index, {@code [1, 1]}; the class names are {@link WindowShape#classes()}. */
  CLASS,
  /**
   * A label per input step, {@code [input_length, target_channels]}: anomaly flags (0 or 1) or phase-pick
   * probabilities.
   */
  STEP_LABELS,
  /** Scalar values per window, {@code [1, target_channels]} (regression, e.g. a magnitude), unscaled. */
  VALUES,
  /** No target ({@code target_length} 0): tasks that learn from the input alone, such as imputation. */
  NONE
}
