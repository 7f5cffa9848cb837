package io.tsllm.heads.regress;

import io.tsllm.heads.common.TokenPooling;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code regress} head.
 *
 * @param loss {@code mse} or {@code huber}
 * @param huberDelta where the Huber loss turns from quadratic to linear
 * @param pooling {@code mean} over the tokens, or the {@code last} token
 * @param dropout dropout on the pooled features before the output layer
 */
public record RegressHeadConfig(String loss, Double huberDelta, String pooling, Double dropout)
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
