package io.tsllm.heads.impute;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code impute} head.
 */
public record ImputeHeadConfig(
    @JsonPropertyDescription("the share of input points hidden at random in training and evaluation (GPT4TS "
        + "reports 0.125, 0.25, 0.375 and 0.5)")
    Double maskRatio,
    @JsonPropertyDescription("dropout on the flattened hidden states before the output layer")
    Double dropout) implements PluginConfig {

  public ImputeHeadConfig {
    maskRatio = maskRatio == null ? 0.25 : maskRatio;
    dropout = dropout == null ? 0.0 : dropout;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(maskRatio > 0 && maskRatio < 1, "mask_ratio", maskRatio, "a share of points in (0, 1)");
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
  }
}
