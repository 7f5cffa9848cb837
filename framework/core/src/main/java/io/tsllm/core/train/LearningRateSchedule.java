package io.tsllm.core.train;

import io.tsllm.core.config.ScheduleConfig;

/** The learning rate of each training step, a pure function of where the run is, so a resumed run gets the same. */
@FunctionalInterface
interface LearningRateSchedule {

  /**
   * @param epoch 1-based epoch
   * @param step 0-based global step (steps already taken)
   */
  double at(int epoch, long step);

  static LearningRateSchedule of(ScheduleConfig config, double base, long totalSteps) {
    return switch (config.type()) {
      case TYPE1 -> (epoch, step) -> base * Math.pow(0.5, epoch - 1);
      case COSINE -> cosine(base, config.minLearningRate(), config.warmupSteps(), totalSteps);
      case CYCLIC -> triangular(base, config.maxLearningRate(), config.cycleSteps());
      case CONSTANT -> (epoch, step) -> base;
    };
  }

  private static LearningRateSchedule cosine(double base, double floor, int warmup, long total) {
    return (epoch, step) -> {
      if (step < warmup) {
        return base * (step + 1) / warmup;
      }
      double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
      return floor + (base - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    };
  }

  /** PyTorch's CyclicLR, mode "triangular": up from base to max in {@code half} steps, down again, repeat. */
  private static LearningRateSchedule triangular(double base, double max, int half) {
    return (epoch, step) -> {
      double cycle = Math.floor(1 + step / (2.0 * half));
      double x = Math.abs(step / (double) half - 2 * cycle + 1);
      return base + (max - base) * Math.max(0, 1 - x);
    };
  }
}
