package io.tsllm.spi;

/**
 * What one of a head's outputs is. The framework serves, plots, exports and summarizes a head's outputs by their
 * roles alone, never by the head's name, so a head from a plugin jar gets the same treatment as a built-in one.
 * Each role fixes the output's layout per sample (after the batch axis); the framework checks it when the graph is
 * built.
 */
public enum OutputRole {
  /**
   * The steps after the window, {@code [target_length, channels.count]}, in the units of the input channels the
   * output's {@link OutputSpec#channels() channels} name (unscaled in exports). {@code predict} forecasts from the
   * last rows of a series; runs write prediction files and a forecast plot.
   */
  FORECAST(true, Alignment.AFTER_WINDOW),
  /**
   * The window with the points its input lacked (NaN) filled in, {@code [input_length, channels.count]}, observed
   * points unchanged; input units. {@code predict} fills every blank of a series; such a model accepts missing
   * values in its input.
   */
  FILLED_SERIES(true, Alignment.ROWS),
  /** The window rebuilt by the model, {@code [input_length, channels.count]}, input units. Exported, not served. */
  RECONSTRUCTION(true, Alignment.ROWS),
  /**
   * A score per input step, {@code [input_length]}, higher meaning more unusual (e.g. an anomaly score). Written by
   * {@code predict} as a column named after the output, with a 0/1 column when the output has a
   * {@link OutputSpec#flag() flag}; runs plot it over the test split.
   */
  STEP_SCORE(false, Alignment.ROWS),
  /** 1 where the head hid or filled a point, 0 elsewhere, {@code [input_length, channels]}. Exported, not served. */
  MASK(false, Alignment.ROWS),
  /**
   * Class probabilities per window, {@code [classes]} in the order of {@link WindowShape#classes()}. Served per
   * window with the most probable class; runs plot the test confusion matrix.
   */
  CLASS_PROBABILITIES(false, Alignment.WINDOW),
  /** Scalar values per window, {@code [1, target_channels]}, in the targets' own units. Served per window. */
  VALUES(false, Alignment.WINDOW),
  /**
   * A probability per input step for each target channel, {@code [input_length, target_channels]}, against step
   * labels (e.g. P and S phase arrivals). Served per row, a column per target name; with a
   * {@link OutputSpec#flag() flag}, each run of steps at or above the threshold gives one pick at its highest
   * probability ({@link ProbabilityPeaks}). Runs plot test windows with their labels, probabilities and picks.
   */
  STEP_PROBABILITIES(false, Alignment.ROWS);

  /** Where an output's values sit relative to the input window. */
  public enum Alignment {
    /** One value (or one per channel) per input step. */
    ROWS,
    /** One set of values per window. */
    WINDOW,
    /** Steps that follow the window. */
    AFTER_WINDOW
  }

  private final boolean needsChannels;
  private final Alignment alignment;

  OutputRole(boolean needsChannels, Alignment alignment) {
    this.needsChannels = needsChannels;
    this.alignment = alignment;
  }

  /** Whether the output holds input channels and must name them ({@link OutputSpec#channels()}). */
  public boolean needsChannels() {
    return needsChannels;
  }

  public Alignment alignment() {
    return alignment;
  }

  /** Whether {@code predict} writes this output (the others are exported for callers of the SavedModel). */
  public boolean served() {
    return this != RECONSTRUCTION && this != MASK;
  }

  /** Values per sample this role holds for {@code shape}, given the output's channels. */
  public int sampleSize(WindowShape shape, int channelCount) {
    return switch (this) {
      case FORECAST -> shape.targetLength() * channelCount;
      case FILLED_SERIES, RECONSTRUCTION -> shape.inputLength() * channelCount;
      case STEP_SCORE -> shape.inputLength();
      case MASK -> shape.inputLength() * shape.channels();
      case CLASS_PROBABILITIES -> shape.classes().size();
      case VALUES -> shape.targetChannels();
      case STEP_PROBABILITIES -> shape.inputLength() * shape.targetChannels();
    };
  }
}
