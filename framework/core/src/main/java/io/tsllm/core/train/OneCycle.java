package io.tsllm.core.train;

import io.tsllm.core.config.ScheduleConfig;

/**
 * PyTorch's {@code OneCycleLR} with cosine annealing in two phases ({@code three_phase=False}), as
 * {@code get_lr} computes it at step {@code last_epoch}: the learning rate rises from {@code max / div_factor} to
 * {@code max} over the first {@code pct_start} of the steps and falls to {@code max / div_factor /
 * final_div_factor}; with {@code cycle_momentum}, Adam's beta1 falls from {@code max_momentum} to
 * {@code base_momentum} and rises back.
 */
final class OneCycle {

  private final double initial;
  private final double peak;
  private final double floor;
  private final double baseMomentum;
  private final double maxMomentum;
  private final double firstEnd;
  private final double lastEnd;

  private OneCycle(double peak, double divFactor, double finalDivFactor, double pctStart, long totalSteps,
      double baseMomentum, double maxMomentum) {
    this.peak = peak;
    this.initial = peak / divFactor;
    this.floor = initial / finalDivFactor;
    this.baseMomentum = baseMomentum;
    this.maxMomentum = maxMomentum;
    // PyTorch: float(pct_start * total_steps) - 1 and total_steps - 1.
    this.firstEnd = pctStart * totalSteps - 1;
    this.lastEnd = totalSteps - 1;
  }

  static OneCycle of(ScheduleConfig config, double maxLearningRate, long totalSteps) {
    return new OneCycle(maxLearningRate, config.divFactor(), config.finalDivFactor(), config.pctStart(), totalSteps,
        config.baseMomentum(), config.maxMomentum());
  }

  /** @param step 0-based global step: the scheduler's {@code last_epoch} while that step runs */
  double learningRate(long step) {
    return step <= firstEnd
        ? anneal(initial, peak, rising(step))
        : anneal(peak, floor, falling(step));
  }

  double beta1(long step) {
    return step <= firstEnd
        ? anneal(maxMomentum, baseMomentum, rising(step))
        : anneal(baseMomentum, maxMomentum, falling(step));
  }

  // PyTorch divides by zero where a phase has no length (a run of very few steps); such a phase is taken as done.
  private double rising(long step) {
    return firstEnd > 0 ? step / firstEnd : 1;
  }

  private double falling(long step) {
    return lastEnd > firstEnd ? (step - firstEnd) / (lastEnd - firstEnd) : 1;
  }

  private static double anneal(double start, double end, double progress) {
    return end + (start - end) / 2.0 * (Math.cos(Math.PI * progress) + 1);
  }
}
