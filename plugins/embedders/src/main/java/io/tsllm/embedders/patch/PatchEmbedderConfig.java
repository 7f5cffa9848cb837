package io.tsllm.embedders.patch;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code patch} embedder (GPT4TS / PatchTST front-end).
 */
public record PatchEmbedderConfig(
    @JsonPropertyDescription("time steps per patch (GPT4TS: 16)")
    Integer patchLength,
    @JsonPropertyDescription("steps between patch starts (GPT4TS: 8)")
    Integer stride,
    @JsonPropertyDescription("replicate: append stride copies of the last value before patching, as GPT4TS does; "
        + "none: no padding")
    Padding padding,
    @JsonPropertyDescription("normalize each window and channel to mean 0 and variance 1 (RevIN without affine "
        + "weights), reversed at the output")
    Boolean instanceNorm)
    implements PluginConfig {

  public PatchEmbedderConfig {
    patchLength = patchLength == null ? 16 : patchLength;
    stride = stride == null ? 8 : stride;
    padding = padding == null ? Padding.REPLICATE : padding;
    instanceNorm = instanceNorm == null ? Boolean.TRUE : instanceNorm;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("patch_length", patchLength);
    problems.checkPositive("stride", stride);
  }

  /** Padded input length. */
  int paddedLength(int inputLength) {
    return inputLength + (padding == Padding.REPLICATE ? stride : 0);
  }

  /** Patches per channel for an input of this length. */
  int patchCount(int inputLength) {
    return (paddedLength(inputLength) - patchLength) / stride + 1;
  }
}
