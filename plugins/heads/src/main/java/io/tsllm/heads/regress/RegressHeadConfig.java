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
    @JsonPropertyDescription("dropout on the pooled features before the output layer")
    Double dropout)
    implements PluginConfig {

  static final List<String> LOSSES = List.of("mse", "huber");

  public RegressHeadConfig {
    loss = loss == null ? "mse" : loss;
    huberDelta = huberDelta == null ? 1.0 : huberDelta;
    pooling = pooling == null ? "mean" : pooling;
    dropout = dropout == null ? 0.0 : dropout;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(LOSSES.contains(loss), "loss", loss, "one of " + LOSSES);
    problems.check(huberDelta > 0, "huber_delta", huberDelta, "a number > 0");
    problems.check(TokenPooling.POOLINGS.contains(pooling), "pooling", pooling, "one of " + TokenPooling.POOLINGS);
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
  }
}
