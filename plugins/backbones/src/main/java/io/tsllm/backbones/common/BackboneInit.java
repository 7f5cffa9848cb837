package io.tsllm.backbones.common;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a pre-trainable backbone's weights come from. */
public enum BackboneInit {
  /** The model family's initialization scheme, no pre-training (the "random init" ablation). */
  RANDOM("random"),
  /** Pre-trained weights from {@code weights}. */
  PRETRAINED("pretrained");

  private final String label;

  BackboneInit(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
