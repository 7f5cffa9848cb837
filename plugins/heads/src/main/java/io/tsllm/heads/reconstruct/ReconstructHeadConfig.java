package io.tsllm.heads.reconstruct;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;
import java.util.List;

/**
 * Config of the {@code reconstruct} head (reconstruction-based anomaly detection).
 */
public record ReconstructHeadConfig(
    @JsonPropertyDescription("percentile: the anomaly threshold is the 100 - anomaly_ratio percentile of the "
        + "trained model's scores on the training split; fixed: fixed_threshold")
    String threshold,
    @JsonPropertyDescription("the percentage of training steps expected to lie above the threshold (GPT4TS and "
        + "Anomaly Transformer use 0.5 to 1 per dataset)")
    Double anomalyRatio,
    @JsonPropertyDescription("the threshold on the score with threshold: fixed")
    Double fixedThreshold,
    @JsonPropertyDescription("dropout on the flattened hidden states before the output layer")
    Double dropout)
    implements PluginConfig {

  static final List<String> THRESHOLDS = List.of("percentile", "fixed");

  public ReconstructHeadConfig {
    threshold = threshold == null ? "percentile" : threshold;
    anomalyRatio = anomalyRatio == null ? 1.0 : anomalyRatio;
    dropout = dropout == null ? 0.0 : dropout;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(THRESHOLDS.contains(threshold), "threshold", threshold, "one of " + THRESHOLDS);
    problems.check(anomalyRatio > 0 && anomalyRatio < 100, "anomaly_ratio", anomalyRatio,
        "a percentage in (0, 100)");
    if ("fixed".equals(threshold)) {
      problems.check(fixedThreshold != null && fixedThreshold >= 0, "fixed_threshold", fixedThreshold,
          "a non-negative score threshold (required with threshold: fixed)");
    }
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
  }
}
