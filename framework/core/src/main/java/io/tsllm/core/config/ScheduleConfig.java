package io.tsllm.core.config;

import io.tsllm.spi.ConfigProblems;
import java.util.List;

/**
 * The learning-rate schedule of {@code training.schedule}.
 *
 * @param type {@code constant}; {@code type1}, halving every epoch (Time-Series-Library's {@code lradj type1});
 *     {@code cosine}, linear warm-up then cosine decay to {@code min_learning_rate} over the run; {@code cyclic},
 *     triangular cycles between the learning rate and {@code max_learning_rate} (PyTorch's {@code CyclicLR})
 * @param warmupSteps steps of linear warm-up from 0 ({@code cosine})
 * @param minLearningRate the floor of the cosine decay
 * @param maxLearningRate the peak of a cycle ({@code cyclic}); default 10 times the learning rate
 * @param cycleSteps steps from the base to the peak, and as many back down ({@code cyclic})
 */
public record ScheduleConfig(
    String type, Integer warmupSteps, Double minLearningRate, Double maxLearningRate, Integer cycleSteps) {

  public static final List<String> TYPES = List.of("constant", "type1", "cosine", "cyclic");

  public ScheduleConfig {
    type = type == null ? "constant" : type;
    warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    minLearningRate = minLearningRate == null ? 0.0 : minLearningRate;
    cycleSteps = cycleSteps == null ? 2000 : cycleSteps;
  }

  public static ScheduleConfig constant() {
    return new ScheduleConfig(null, null, null, null, null);
  }

  void validate(ConfigProblems problems, double learningRate) {
    problems.check(TYPES.contains(type), "type", type, "one of " + TYPES);
    problems.check(warmupSteps >= 0, "warmup_steps", warmupSteps, "an integer >= 0");
    problems.check(minLearningRate >= 0 && minLearningRate < learningRate, "min_learning_rate", minLearningRate,
        "a number in [0, learning_rate)");
    problems.check(maxLearningRate == null || maxLearningRate > learningRate, "max_learning_rate", maxLearningRate,
        "a number above learning_rate (" + learningRate + ")");
    problems.checkPositive("cycle_steps", cycleSteps);
  }
}
