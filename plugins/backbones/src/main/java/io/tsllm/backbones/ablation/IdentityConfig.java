package io.tsllm.backbones.ablation;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code identity} backbone.
 *
 * @param width the token width the embedder must produce (768 to match GPT-2's)
 */
public record IdentityConfig(Integer width) implements PluginConfig {

  public IdentityConfig {
    width = width == null ? 768 : width;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("width", width);
  }
}
