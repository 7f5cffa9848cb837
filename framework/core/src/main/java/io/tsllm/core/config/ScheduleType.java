package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** {@code training.schedule.type}: how the learning rate changes over a run. */
public enum ScheduleType {
  /** The learning rate throughout. */
  CONSTANT("constant"),
  /** Halved every epoch (Time-Series-Library's {@code lradj type1}). */
  TYPE1("type1"),
  /** Linear warm-up, then cosine decay to {@code min_learning_rate} over the run. */
  COSINE("cosine"),
  /** Triangular cycles between the learning rate and {@code max_learning_rate} (PyTorch's {@code CyclicLR}). */
  CYCLIC("cyclic");

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
