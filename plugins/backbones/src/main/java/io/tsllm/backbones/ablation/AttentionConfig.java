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
    Boolean causal,
    @JsonPropertyDescription("biases on the query, key, value and output projections (PyTorch's "
        + "nn.MultiheadAttention has them; Tan et al.'s MultiHeadAttention does not)")
    Boolean bias,
    @JsonPropertyDescription("dropout on the output projection")
    Double outputDropout,
    @JsonPropertyDescription("add the layer's input to its output (Tan et al.'s LLM2Attn)")
    Boolean residual,
    @JsonPropertyDescription("LayerNorm after the layer with this epsilon (Tan et al.'s LLM2Attn: 1e-6); absent for "
        + "none")
    Double layerNormEpsilon) implements PluginConfig {

  public AttentionConfig {
    nEmbd = nEmbd == null ? 768 : nEmbd;
    nHead = nHead == null ? 12 : nHead;
    dropout = dropout == null ? 0.0 : dropout;
    causal = causal == null ? Boolean.FALSE : causal;
    bias = bias == null || bias;
    outputDropout = outputDropout == null ? 0.0 : outputDropout;
    residual = residual != null && residual;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("n_embd", nEmbd);
    problems.checkPositive("n_head", nHead);
    if (nEmbd > 0 && nHead > 0) {
      problems.check(nEmbd % nHead == 0, "n_head", nHead, "a divisor of n_embd (" + nEmbd + ")");
    }
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(outputDropout >= 0 && outputDropout < 1, "output_dropout", outputDropout,
        "a dropout rate in [0, 1)");
    problems.check(layerNormEpsilon == null || layerNormEpsilon > 0, "layer_norm_epsilon", layerNormEpsilon,
        "a number > 0, or absent for no layer norm");
  }
}
