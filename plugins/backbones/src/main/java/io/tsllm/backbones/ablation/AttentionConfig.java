package io.tsllm.backbones.ablation;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code attention} backbone.
 *
 * @param nEmbd token width
 * @param nHead attention heads; must divide {@code n_embd}
 * @param dropout dropout on the attention probabilities
 * @param causal mask future tokens, as GPT-2 does; Tan et al.'s layer attends both ways
 */
public record AttentionConfig(Integer nEmbd, Integer nHead, Double dropout, Boolean causal) implements PluginConfig {

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
