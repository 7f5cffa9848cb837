package io.tsllm.embedders.decomposition;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code decomposition} embedder (DLinear's series decomposition).
 */
public record DecompositionConfig(
    @JsonPropertyDescription("steps of the moving average that gives the trend (DLinear: 25); odd")
    Integer kernelSize) implements PluginConfig {

  public DecompositionConfig {
    kernelSize = kernelSize == null ? 25 : kernelSize;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(kernelSize >= 1 && kernelSize % 2 == 1, "kernel_size", kernelSize, "an odd integer >= 1");
  }
}
