package io.tsllm.embedders.patch;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the {@code patch} embedder pads a window before cutting it into patches. */
public enum Padding {
  /** Appends {@code stride} copies of the last value, as GPT4TS does. */
  REPLICATE("replicate"),
  /** No padding. */
  NONE("none");

  private final String label;

  Padding(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
