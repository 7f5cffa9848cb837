package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code training.schedule.type}: how the learning rate changes over a run. The epoch schedules follow the papers'
 * code, where {@code adjust_learning_rate(optimizer, epoch + 1, args)} runs after each epoch: the rate it sets holds
 * for the next epoch, so epoch {@code k} (1-based) runs at the formula's value for {@code k - 1}, and epoch 1 at the
 * base rate.
 */
public enum ScheduleType {
  /** The learning rate throughout. */
  CONSTANT("constant"),
  /** Time-Series-Library's and LTSF-Linear's {@code lradj type1}: epochs 1 and 2 at the rate, then halved. */
  TYPE1("type1"),
  /**
   * PatchTST's {@code lradj type3} (GPT4TS's {@code type1}): the rate through epoch 4 (the formula keeps it for its
   * epochs 1 and 2, set after epochs 1 to 3), then times 0.9 each epoch.
   */
  TYPE3("type3"),
  /** Linear warm-up, then cosine decay to {@code min_learning_rate} over the run. */
  COSINE("cosine"),
  /**
   * PyTorch's {@code CosineAnnealingLR(T_max, eta_min)} stepped once after each epoch (GPT4TS's {@code --cos 1}):
   * epoch {@code k} at {@code min + (lr - min) (1 + cos(pi (k - 1) / t_max)) / 2}.
   */
  COSINE_EPOCHS("cosine-epochs"),
  /** Triangular cycles between the learning rate and {@code max_learning_rate} (PyTorch's {@code CyclicLR}). */
  CYCLIC("cyclic"),
  /**
   * PatchTST's {@code lradj TST}: PyTorch's {@code OneCycleLR} stepped after every training step, cosine annealing,
   * the learning rate as its {@code max_lr}, with Adam's beta1 cycling as {@code cycle_momentum} does.
   */
  TST("tst");

  private final String label;

  ScheduleType(String label) {
    this.label = label;
  }

  /** The name an experiment file uses. */
  @JsonValue
  public String label() {
    return label;
  }
}
