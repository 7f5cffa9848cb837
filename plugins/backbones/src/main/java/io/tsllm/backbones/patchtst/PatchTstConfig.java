package io.tsllm.backbones.patchtst;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * Config of the {@code patchtst} backbone; defaults are PatchTST's ({@code run_longExp.py} and
 * {@code models/PatchTST.py}).
 */
public record PatchTstConfig(
    @JsonPropertyDescription("token width (PatchTST's d_model; 16 for ETTh)")
    Integer dModel,
    @JsonPropertyDescription("attention heads; must divide d_model")
    Integer nHeads,
    @JsonPropertyDescription("encoder layers (e_layers)")
    Integer eLayers,
    @JsonPropertyDescription("feed-forward width")
    Integer dFf,
    @JsonPropertyDescription("dropout after the positions, on the attention output projection, on each residual "
        + "branch and inside the feed-forward")
    Double dropout,
    @JsonPropertyDescription("dropout on the attention probabilities")
    Double attnDropout,
    @JsonPropertyDescription("batch: BatchNorm1d over d_model (PatchTST); layer: LayerNorm")
    String norm,
    @JsonPropertyDescription("normalize before each sublayer instead of after it")
    Boolean preNorm,
    @JsonPropertyDescription("add each layer's pre-softmax attention scores to the next layer's (PatchTST's "
        + "res_attention)")
    Boolean residualAttention,
    @JsonPropertyDescription("gelu or relu, in the feed-forward")
    String activation,
    @JsonPropertyDescription("dropout on the attention's output projection, before the residual branch's own "
        + "(PatchTST's proj_dropout, which its code sets to dropout); 0 gives PyTorch's TransformerEncoderLayer, "
        + "which has only the residual branch's")
    Double projectionDropout,
    @JsonPropertyDescription("learned: PatchTST's positions (uniform in +-0.02, added before the first layer); none")
    String positions) implements PluginConfig {

  public PatchTstConfig {
    dModel = dModel == null ? 128 : dModel;
    nHeads = nHeads == null ? 16 : nHeads;
    eLayers = eLayers == null ? 3 : eLayers;
    dFf = dFf == null ? 256 : dFf;
    dropout = dropout == null ? 0.05 : dropout;
    attnDropout = attnDropout == null ? 0.0 : attnDropout;
    norm = norm == null ? "batch" : norm;
    preNorm = preNorm != null && preNorm;
    residualAttention = residualAttention == null || residualAttention;
    activation = activation == null ? "gelu" : activation;
    projectionDropout = projectionDropout == null ? dropout : projectionDropout;
    positions = positions == null ? "learned" : positions;
  }

  public PatchTstConfig(Integer dModel, Integer nHeads, Integer eLayers, Integer dFf, Double dropout,
      Double attnDropout, String norm, Boolean preNorm, Boolean residualAttention, String activation) {
    this(dModel, nHeads, eLayers, dFf, dropout, attnDropout, norm, preNorm, residualAttention, activation, null,
        null);
  }

  boolean batchNorm() {
    return norm.equals("batch");
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("d_model", dModel);
    problems.checkPositive("n_heads", nHeads);
    problems.checkPositive("e_layers", eLayers);
    problems.checkPositive("d_ff", dFf);
    if (dModel > 0 && nHeads > 0) {
      problems.check(dModel % nHeads == 0, "n_heads", nHeads, "a divisor of d_model (" + dModel + ")");
    }
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(attnDropout >= 0 && attnDropout < 1, "attn_dropout", attnDropout, "a dropout rate in [0, 1)");
    problems.check(norm.equals("batch") || norm.equals("layer"), "norm", norm, "\"batch\" or \"layer\"");
    problems.check(activation.equals("gelu") || activation.equals("relu"), "activation", activation,
        "\"gelu\" or \"relu\"");
    problems.check(projectionDropout >= 0 && projectionDropout < 1, "projection_dropout", projectionDropout,
        "a dropout rate in [0, 1)");
    problems.check(positions.equals("learned") || positions.equals("none"), "positions", positions,
        "\"learned\" or \"none\"");
  }
}
