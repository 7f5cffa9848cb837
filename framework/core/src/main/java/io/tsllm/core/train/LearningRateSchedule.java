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
      // The papers set the rate after each epoch with the formula's value for that epoch (see ScheduleType), so
      // epoch k runs at the value for k - 1.
      case TYPE1 -> afterEachEpoch(config, base, done -> base * Math.pow(0.5, done - 1));
      case TYPE3 -> afterEachEpoch(config, base, done -> done < 3 ? base : base * Math.pow(0.9, done - 3));
      case COSINE_EPOCHS -> afterEachEpoch(config, base, done -> config.minLearningRate()
          + (base - config.minLearningRate()) * (1 + Math.cos(Math.PI * done / config.tMax())) / 2);
      case CONSTANT -> afterEachEpoch(config, base, done -> base);
      case COSINE -> cosine(base, config.minLearningRate(), config.warmupSteps(), totalSteps);
      case CYCLIC -> triangular(base, config.maxLearningRate(), config.cycleSteps());
      case TST -> {
        OneCycle cycle = OneCycle.of(config, base, totalSteps);
        yield (epoch, step) -> cycle.learningRate(step);
      }
    };
  }

  /**
   * Epoch 1 at the base rate (or the one-cycle's start, as PatchTST's code runs it), epoch {@code k > 1} at
   * {@code rate(k - 1)}.
   */
  private static LearningRateSchedule afterEachEpoch(ScheduleConfig config, double base,
      java.util.function.IntToDoubleFunction rate) {
    double first = config.oneCycleStart() ? base / config.divFactor() : base;
    return (epoch, step) -> epoch <= 1 ? first : rate.applyAsDouble(epoch - 1);
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
