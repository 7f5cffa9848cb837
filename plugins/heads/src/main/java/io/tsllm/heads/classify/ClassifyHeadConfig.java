package io.tsllm.heads.classify;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.heads.common.TokenPooling;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code classify} head.
 */
public record ClassifyHeadConfig(
    @JsonPropertyDescription("how a sequence's hidden states become one vector: mean over tokens, or the last "
        + "token (which, under GPT-2's causal attention, has seen them all)")
    String pooling,
    @JsonPropertyDescription("dropout on the pooled features before the output layer")
    Double dropout,
    @JsonPropertyDescription("per-class weights of the cross-entropy (as PyTorch's weight), in the dataset's class"
        + " order; absent means equal weights")
    List<Double> classWeights,
    @JsonPropertyDescription("pooled: tokens pooled, a linear layer; seismollm: SeisMoLLM's classification head on"
        + " the un-patched feature sequence (as for first-motion polarity: two convolutions of kernel 16 and stride"
        + " 4, average pooling, a linear layer); needs an embedder whose tokens are latent patches (multiscale-conv)")
    String decoder) implements PluginConfig {

  static final List<String> DECODERS = List.of("pooled", "seismollm");


  public ClassifyHeadConfig {
    pooling = pooling == null ? "mean" : pooling;
    dropout = dropout == null ? 0.0 : dropout;
    classWeights = classWeights == null ? null : List.copyOf(classWeights);
    decoder = decoder == null ? "pooled" : decoder;
  }

  boolean seismollm() {
    return "seismollm".equals(decoder);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(TokenPooling.POOLINGS.contains(pooling), "pooling", pooling, "one of " + TokenPooling.POOLINGS);
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(DECODERS.contains(decoder), "decoder", decoder, "one of " + DECODERS);
    if (classWeights != null) {
      for (Double weight : classWeights) {
        problems.check(weight != null && weight > 0, "class_weights", weight, "positive numbers");
      }
    }
  }
}
