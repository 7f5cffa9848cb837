package io.tsllm.spi;

/**
 * How a {@link OutputRole#STEP_SCORE} output becomes a 0/1 decision per step (for
 * {@link OutputRole#STEP_PROBABILITIES}, picks at the peaks at or above the threshold): flagged where the score exceeds the
 * threshold the test evaluator reports as the metric {@code thresholdMetric} (calibrated on the training split, or
 * fixed by the config). Exports record the threshold they were tested with; {@code predict} writes the decision as
 * the column {@code column}.
 */
public record StepFlag(String thresholdMetric, String column) {

  public StepFlag {
    OutputSpec.requireName(thresholdMetric, "threshold metric");
    OutputSpec.requireName(column, "flag column");
  }
}
