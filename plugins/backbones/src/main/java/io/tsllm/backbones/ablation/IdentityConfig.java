package io.tsllm.backbones.ablation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code identity} backbone.
 */
public record IdentityConfig(
    @JsonPropertyDescription("the token width the embedder must produce (768 to match GPT-2's)")
    Integer width) implements PluginConfig {

  public IdentityConfig {
    width = width == null ? 768 : width;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("width", width);
  }
}
