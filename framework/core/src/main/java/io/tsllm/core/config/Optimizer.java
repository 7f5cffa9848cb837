package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code training.optimizer}: Adam, or AdamW with decoupled weight decay (PyTorch's {@code AdamW}). */
public enum Optimizer {
  ADAM("adam"),
  ADAMW("adamw");

  private final String label;

  Optimizer(String label) {
    this.label = label;
  }

  /** The name an experiment file uses. */
  @JsonValue
  public String label() {
    return label;
  }

  /** Whether the optimizer decays weights (decoupled from the gradient step). */
  public boolean decaysWeights() {
    return this == ADAMW;
  }
}
