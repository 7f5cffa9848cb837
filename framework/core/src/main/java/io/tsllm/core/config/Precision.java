package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code training.precision}: the arithmetic of training steps and validation passes. Variables, checkpoints, the
 * test pass and the export stay float32 in every case.
 */
public enum Precision {
  /** float32 throughout. */
  FP32("fp32"),
  /**
   * bfloat16 mixed precision through oneDNN's automatic rewrite of the graph (float32 variables, bfloat16 matrix
   * work); fast on CPUs with AVX512_BF16 or AMX, emulated (slower) on others.
   */
  BF16("bf16");

  private final String label;

  Precision(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
