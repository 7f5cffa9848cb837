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
    Integer features,
    @JsonPropertyDescription("the training loss on the scaled data: mse, or l1 (mean absolute error, as Tan et al.'s"
        + " code trains GPT4TS and its ablations)")
    String loss,
    @JsonPropertyDescription("flatten: each sequence's hidden states flattened and mapped linearly to the horizon "
        + "(GPT4TS, PatchTST); dlinear: one linear map per token, summed, the weights starting at 1/width as "
        + "DLinear's do (with the decomposition embedder: DLinear)")
    String projection,
    @JsonPropertyDescription("dlinear: one set of maps per channel (DLinear's individual); false shares them")
    Boolean individual) implements PluginConfig {

  public ForecastHeadConfig {
    dropout = dropout == null ? 0.0 : dropout;
    loss = loss == null ? "mse" : loss;
    projection = projection == null ? "flatten" : projection;
    individual = individual != null && individual;
  }

  boolean dlinear() {
    return projection.equals("dlinear");
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(features == null || features > 0, "features", features, "an integer >= 1, or absent for all");
    problems.check(loss.equals("mse") || loss.equals("l1"), "loss", loss, "\"mse\" or \"l1\"");
    problems.check(projection.equals("flatten") || projection.equals("dlinear"), "projection", projection,
        "\"flatten\" or \"dlinear\"");
    problems.check(!individual || dlinear(), "individual", individual, "false unless projection is \"dlinear\"");
  }
}
