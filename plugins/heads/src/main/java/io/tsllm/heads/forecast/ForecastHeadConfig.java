package io.tsllm.heads.forecast;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code forecast} head.
 */
public record ForecastHeadConfig(
    @JsonPropertyDescription("dropout on the flattened hidden states before the output layer")
    Double dropout,
    @JsonPropertyDescription("use only the first this many features of each hidden state (Time-LLM's d_ff: 128 for "
        + "ETTh1); default all")
    Integer features) implements PluginConfig {

  public ForecastHeadConfig {
    dropout = dropout == null ? 0.0 : dropout;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(features == null || features > 0, "features", features, "an integer >= 1, or absent for all");
  }
}
