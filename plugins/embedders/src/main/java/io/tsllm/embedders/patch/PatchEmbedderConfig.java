package io.tsllm.embedders.patch;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code patch} embedder (GPT4TS / PatchTST front-end).
 *
 * @param patchLength time steps per patch (GPT4TS: 16)
 * @param stride steps between patch starts (GPT4TS: 8)
 * @param padding {@code replicate}: append {@code stride} copies of the last value before patching, as GPT4TS
 *     does; {@code none}: no padding
 * @param instanceNorm normalize each window and channel to mean 0 and variance 1 (RevIN without affine weights),
 *     reversed at the output
 */
public record PatchEmbedderConfig(Integer patchLength, Integer stride, String padding, Boolean instanceNorm)
    implements PluginConfig {

  static final List<String> PADDINGS = List.of("replicate", "none");

  public PatchEmbedderConfig {
    patchLength = patchLength == null ? 16 : patchLength;
    stride = stride == null ? 8 : stride;
    padding = padding == null ? "replicate" : padding;
    instanceNorm = instanceNorm == null ? Boolean.TRUE : instanceNorm;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("patch_length", patchLength);
    problems.checkPositive("stride", stride);
    problems.check(PADDINGS.contains(padding), "padding", padding, "one of " + PADDINGS);
  }

  /** Padded input length. */
  int paddedLength(int inputLength) {
    return inputLength + ("replicate".equals(padding) ? stride : 0);
  }

  /** Patches per channel for an input of this length. */
  int patchCount(int inputLength) {
    return (paddedLength(inputLength) - patchLength) / stride + 1;
  }
}
