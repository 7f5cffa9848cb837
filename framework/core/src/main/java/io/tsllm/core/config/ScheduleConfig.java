package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;

/**
 * The learning-rate schedule of {@code training.schedule}.
 */
public record ScheduleConfig(
    @JsonPropertyDescription("constant; type1 (LTSF-Linear's and Time-Series-Library's lradj type1: epochs 1-2 at "
        + "the rate, then halved each epoch); type3 (PatchTST's lradj type3: epochs 1-4 at the rate, then x0.9 each "
        + "epoch); cosine, linear warm-up then cosine decay to min_learning_rate over the run; cosine-epochs, "
        + "PyTorch's CosineAnnealingLR(t_max, min_learning_rate) stepped after each epoch (GPT4TS); cyclic, "
        + "triangular cycles between the learning rate and max_learning_rate (PyTorch's CyclicLR); tst, PatchTST's "
        + "per-step OneCycleLR with Adam's beta1 cycling")
    ScheduleType type,
    @JsonPropertyDescription("steps of linear warm-up from 0 (cosine)")
    Integer warmupSteps,
    @JsonPropertyDescription("the floor of the cosine decay (cosine, cosine-epochs)")
    Double minLearningRate,
    @JsonPropertyDescription("the peak of a cycle (cyclic); default 10 times the learning rate")
    Double maxLearningRate,
    @JsonPropertyDescription("steps from the base to the peak, and as many back down (cyclic)")
    Integer cycleSteps,
    @JsonPropertyDescription("epochs of a half cosine period (cosine-epochs: CosineAnnealingLR's T_max)")
    Integer tMax,
    @JsonPropertyDescription("share of the steps spent rising to the learning rate (tst: OneCycleLR's pct_start)")
    Double pctStart,
    @JsonPropertyDescription("the one-cycle starts at learning_rate / div_factor (tst, one_cycle_start)")
    Double divFactor,
    @JsonPropertyDescription("the one-cycle ends at learning_rate / div_factor / final_div_factor (tst)")
    Double finalDivFactor,
    @JsonPropertyDescription("Adam's beta1 at the peak of the one-cycle (tst: OneCycleLR's base_momentum)")
    Double baseMomentum,
    @JsonPropertyDescription("Adam's beta1 at the start and end of the one-cycle (tst, one_cycle_start: "
        + "OneCycleLR's max_momentum)")
    Double maxMomentum,
    @JsonPropertyDescription("as PatchTST's code, which builds a OneCycleLR before training whatever its lradj: "
        + "epoch 1 runs at learning_rate / div_factor and Adam's beta1 is max_momentum for the whole run (epoch "
        + "schedules only)")
    Boolean oneCycleStart) {

  public ScheduleConfig {
    type = type == null ? ScheduleType.CONSTANT : type;
    warmupSteps = warmupSteps == null ? 0 : warmupSteps;
    minLearningRate = minLearningRate == null ? (type == ScheduleType.COSINE_EPOCHS ? 1e-8 : 0.0) : minLearningRate;
    cycleSteps = cycleSteps == null ? 2000 : cycleSteps;
    tMax = tMax == null ? 20 : tMax;
    pctStart = pctStart == null ? 0.3 : pctStart;
    divFactor = divFactor == null ? 25.0 : divFactor;
    finalDivFactor = finalDivFactor == null ? 1e4 : finalDivFactor;
    baseMomentum = baseMomentum == null ? 0.85 : baseMomentum;
    maxMomentum = maxMomentum == null ? 0.95 : maxMomentum;
    oneCycleStart = oneCycleStart != null && oneCycleStart;
  }

  public ScheduleConfig(ScheduleType type, Integer warmupSteps, Double minLearningRate, Double maxLearningRate,
      Integer cycleSteps) {
    this(type, warmupSteps, minLearningRate, maxLearningRate, cycleSteps, null, null, null, null, null, null, null);
  }

  public static ScheduleConfig constant() {
    return new ScheduleConfig(null, null, null, null, null);
  }

  /** The same schedule with another peak (cyclic's default). */
  ScheduleConfig withMaxLearningRate(double max) {
    return new ScheduleConfig(type, warmupSteps, minLearningRate, max, cycleSteps, tMax, pctStart, divFactor,
        finalDivFactor, baseMomentum, maxMomentum, oneCycleStart);
  }

  /** Whether Adam's beta1 changes from step to step (the one-cycle's momentum), so the trainer feeds it. */
  public boolean cyclesBeta1() {
    return type == ScheduleType.TST;
  }

  /** Adam's beta1 for the whole run when the schedule fixes it (PatchTST's one-cycle start), else {@code beta1}. */
  public double constantBeta1(double beta1) {
    return oneCycleStart ? maxMomentum : beta1;
  }

  void validate(ConfigProblems problems, double learningRate) {
    problems.check(warmupSteps >= 0, "warmup_steps", warmupSteps, "an integer >= 0");
    problems.check(minLearningRate >= 0 && minLearningRate < learningRate, "min_learning_rate", minLearningRate,
        "a number in [0, learning_rate)");
    problems.check(maxLearningRate == null || maxLearningRate > learningRate, "max_learning_rate", maxLearningRate,
        "a number above learning_rate (" + learningRate + ")");
    problems.checkPositive("cycle_steps", cycleSteps);
    problems.checkPositive("t_max", tMax);
    problems.check(pctStart > 0 && pctStart < 1, "pct_start", pctStart, "a number in (0, 1)");
    problems.check(divFactor >= 1, "div_factor", divFactor, "a number >= 1");
    problems.check(finalDivFactor >= 1, "final_div_factor", finalDivFactor, "a number >= 1");
    problems.check(baseMomentum > 0 && baseMomentum < 1, "base_momentum", baseMomentum, "a number in (0, 1)");
    problems.check(maxMomentum > 0 && maxMomentum < 1 && maxMomentum >= baseMomentum, "max_momentum", maxMomentum,
        "a number in [base_momentum, 1)");
    boolean epochSchedule = type == ScheduleType.CONSTANT || type == ScheduleType.TYPE1
        || type == ScheduleType.TYPE3 || type == ScheduleType.COSINE_EPOCHS;
    problems.check(!oneCycleStart || epochSchedule, "one_cycle_start", oneCycleStart,
        "false with " + type.label() + " (it describes epoch schedules run beside an unstepped OneCycleLR)");
  }
}
