package io.tsllm.backbones.ablation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code attention} backbone.
 */
public record AttentionConfig(
    @JsonPropertyDescription("token width")
    Integer nEmbd,
    @JsonPropertyDescription("attention heads; must divide n_embd")
    Integer nHead,
    @JsonPropertyDescription("dropout on the attention probabilities")
    Double dropout,
    @JsonPropertyDescription("mask future tokens, as GPT-2 does; Tan et al.'s layer attends both ways")
    Boolean causal) implements PluginConfig {

  public AttentionConfig {
    nEmbd = nEmbd == null ? 768 : nEmbd;
    nHead = nHead == null ? 12 : nHead;
    dropout = dropout == null ? 0.0 : dropout;
    causal = causal == null ? Boolean.FALSE : causal;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("n_embd", nEmbd);
    problems.checkPositive("n_head", nHead);
    if (nEmbd > 0 && nHead > 0) {
      problems.check(nEmbd % nHead == 0, "n_head", nHead, "a divisor of n_embd (" + nEmbd + ")");
    }
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
  }
}
