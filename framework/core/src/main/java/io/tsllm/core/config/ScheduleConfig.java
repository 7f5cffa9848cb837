package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;

/**
 * The learning-rate schedule of {@code training.schedule}.
 */
public record ScheduleConfig(
    @JsonPropertyDescription("constant; type1, halving every epoch (Time-Series-Library's lradj type1); cosine, "
        + "linear warm-up then cosine decay to min_learning_rate over the run; cyclic, "
        + "triangular cycles between the learning rate and max_learning_rate (PyTorch's "
        + "CyclicLR)")
    ScheduleType type,
    @JsonPropertyDescription("steps of linear warm-up from 0 (cosine)")
    Integer warmupSteps,
    @JsonPropertyDescription("the floor of the cosine decay")
    Double minLearningRate,
    @JsonPropertyDescription("the peak of a cycle (cyclic); default 10 times the learning rate")
    Double maxLearningRate,
    @JsonPropertyDescription("steps from the base to the peak, and as many back down (cyclic)")
    Integer cycleSteps) {

  public ScheduleConfig {
    type = type == null ? ScheduleType.CONSTANT : type;
    warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    minLearningRate = minLearningRate == null ? 0.0 : minLearningRate;
    cycleSteps = cycleSteps == null ? 2000 : cycleSteps;
  }

  public static ScheduleConfig constant() {
    return new ScheduleConfig(null, null, null, null, null);
  }

  void validate(ConfigProblems problems, double learningRate) {
    problems.check(warmupSteps >= 0, "warmup_steps", warmupSteps, "an integer >= 0");
    problems.check(minLearningRate >= 0 && minLearningRate < learningRate, "min_learning_rate", minLearningRate,
        "a number in [0, learning_rate)");
    problems.check(maxLearningRate == null || maxLearningRate > learningRate, "max_learning_rate", maxLearningRate,
        "a number above learning_rate (" + learningRate + ")");
    problems.checkPositive("cycle_steps", cycleSteps);
  }
}
