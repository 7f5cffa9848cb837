package io.tsllm.embedders.multiscale;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code multiscale-conv} embedder (SeisMoLLM's front-end). Lists hold one entry per block.
 */
public record MultiScaleConvConfig(
    @JsonPropertyDescription("output channels of each block (SeisMoLLM: 16, 48, 96, 96); the last times "
        + "patch_length must equal the backbone's width")
    List<Integer> channels,
    @JsonPropertyDescription("the first branch's kernel size in each block (16, 8, 6, 1)")
    List<Integer> kernels,
    @JsonPropertyDescription("how much each further branch's kernel grows, per block (8, 6, 4, 2)")
    List<Integer> kernelSteps,
    @JsonPropertyDescription("each block's stride (2, 2, 2, 1); a kernel must be at least its stride")
    List<Integer> strides,
    @JsonPropertyDescription("parallel branches per block (4)")
    Integer branches,
    @JsonPropertyDescription("steps of the feature sequence flattened into one token (8)")
    Integer patchLength,
    @JsonPropertyDescription("weight of the current batch in the moving statistics of batch normalization "
        + "(PyTorch's 0.1)")
    Double momentum,
    @JsonPropertyDescription("batch normalization's variance epsilon")
    Double epsilon,
    @JsonPropertyDescription("none, or window: each window demeaned per channel and divided by its standard"
        + " deviation over all channels (SeisBench's std normalization), in the graph, so that an exported picker"
        + " takes records in any units; keep none where amplitude is the target (magnitude)")
    String normalize)
    implements PluginConfig {

  public MultiScaleConvConfig {
    channels = channels == null ? List.of(16, 48, 96, 96) : List.copyOf(channels);
    kernels = kernels == null ? List.of(16, 8, 6, 1) : List.copyOf(kernels);
    kernelSteps = kernelSteps == null ? List.of(8, 6, 4, 2) : List.copyOf(kernelSteps);
    strides = strides == null ? List.of(2, 2, 2, 1) : List.copyOf(strides);
    branches = branches == null ? 4 : branches;
    patchLength = patchLength == null ? 8 : patchLength;
    momentum = momentum == null ? 0.1 : momentum;
    epsilon = epsilon == null ? 1e-5 : epsilon;
    normalize = normalize == null ? "none" : normalize;
  }

  static final List<String> NORMALIZATIONS = List.of("none", "window");

  @Override
  public void validate(ConfigProblems problems) {
    int blocks = channels.size();
    problems.check(blocks >= 1 && channels.stream().allMatch(c -> c != null && c > 0), "channels", channels,
        "a list of positive channel counts, one per block");
    for (var entry : java.util.Map.of("kernels", kernels, "kernel_steps", kernelSteps, "strides", strides)
        .entrySet()) {
      problems.check(entry.getValue().size() == blocks, entry.getKey(), entry.getValue(),
          "one entry per block (" + blocks + ", as channels)");
    }
    problems.check(kernels.stream().allMatch(k -> k != null && k > 0), "kernels", kernels, "positive sizes");
    problems.check(kernelSteps.stream().allMatch(k -> k != null && k >= 0), "kernel_steps", kernelSteps,
        "non-negative steps");
    problems.check(strides.stream().allMatch(s -> s != null && s > 0), "strides", strides, "positive strides");
    for (int b = 0; b < Math.min(kernels.size(), strides.size()); b++) {
      if (kernels.get(b) != null && strides.get(b) != null) {
        problems.check(kernels.get(b) >= strides.get(b), "kernels", kernels,
            "each block's kernel at least its stride (block " + b + ": " + kernels.get(b) + " < " + strides.get(b)
                + ")");
      }
    }
    problems.checkPositive("branches", branches);
    problems.checkPositive("patch_length", patchLength);
    problems.check(momentum > 0 && momentum <= 1, "momentum", momentum, "a number in (0, 1]");
    problems.check(epsilon > 0, "epsilon", epsilon, "a number > 0");
    problems.check(NORMALIZATIONS.contains(normalize), "normalize", normalize, "one of " + NORMALIZATIONS);
  }

  int blocks() {
    return channels.size();
  }

  /** The feature sequence's length after every block ({@code ceil(L / stride)} each). */
  int featureLength(int inputLength) {
    int length = inputLength;
    for (int stride : strides) {
      length = (length + stride - 1) / stride;
    }
    return length;
  }

  int tokenCount(int inputLength) {
    return featureLength(inputLength) / patchLength;
  }
}
