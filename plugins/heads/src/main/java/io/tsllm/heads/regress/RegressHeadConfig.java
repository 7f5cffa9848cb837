package io.tsllm.heads.regress;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.heads.common.TokenPooling;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code regress} head.
 */
public record RegressHeadConfig(
    @JsonPropertyDescription("mse or huber")
    String loss,
    @JsonPropertyDescription("where the Huber loss turns from quadratic to linear")
    Double huberDelta,
    @JsonPropertyDescription("mean over the tokens, or the last token")
    String pooling,
    @JsonPropertyDescription("dropout on the pooled features before the output layer (pooled decoder)")
    Double dropout,
    @JsonPropertyDescription("pooled: tokens pooled, a linear layer; seismollm: SeisMoLLM's regression head on the"
        + " un-patched feature sequence (two convolutions of kernel 16 and stride 4, average pooling, a linear layer,"
        + " a sigmoid scaled to (0, scale)); needs an embedder whose tokens are latent patches (multiscale-conv)")
    String decoder,
    @JsonPropertyDescription("seismollm decoder: the upper end of the targets' range, (0, scale), in their units"
        + " (SeisMoLLM: 8 for magnitude, 500 km for epicentral distance)")
    Double scale)
    implements PluginConfig {

  static final List<String> LOSSES = List.of("mse", "huber");
  static final List<String> DECODERS = List.of("pooled", "seismollm");

  public RegressHeadConfig {
    loss = loss == null ? "mse" : loss;
    huberDelta = huberDelta == null ? 1.0 : huberDelta;
    pooling = pooling == null ? "mean" : pooling;
    dropout = dropout == null ? 0.0 : dropout;
    decoder = decoder == null ? "pooled" : decoder;
    scale = scale == null ? 8.0 : scale;
  }

  boolean seismollm() {
    return "seismollm".equals(decoder);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(LOSSES.contains(loss), "loss", loss, "one of " + LOSSES);
    problems.check(huberDelta > 0, "huber_delta", huberDelta, "a number > 0");
    problems.check(TokenPooling.POOLINGS.contains(pooling), "pooling", pooling, "one of " + TokenPooling.POOLINGS);
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(DECODERS.contains(decoder), "decoder", decoder, "one of " + DECODERS);
    problems.check(scale > 0 && Double.isFinite(scale), "scale", scale,
        "a number > 0, the upper end of the targets' range");
  }
}
