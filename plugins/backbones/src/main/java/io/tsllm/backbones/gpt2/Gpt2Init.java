package io.tsllm.backbones.gpt2;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the {@code gpt2} backbone's weights come from. */
public enum Gpt2Init {
  /** GPT-2's initialization scheme, no pre-training (the "random init" ablation). */
  RANDOM("random"),
  /** Pre-trained weights from {@code weights}. */
  PRETRAINED("pretrained");

  private final String label;

  Gpt2Init(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
