package io.tsllm.embedders.timellm;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/** Config of the {@code time-llm} embedder; names and defaults follow Time-LLM's arguments. */
public record TimeLlmConfig(
    @JsonPropertyDescription("time steps per patch (Time-LLM: 16)")
    Integer patchLength,
    @JsonPropertyDescription("steps between patch starts (Time-LLM: 8); the series is padded by one stride")
    Integer stride,
    @JsonPropertyDescription("width of the patch embedding (Time-LLM's d_model: 32 for ETTh1, 16 in its defaults)")
    Integer dModel,
    @JsonPropertyDescription("attention heads of the reprogramming layer (Time-LLM's n_heads: 8)")
    Integer heads,
    @JsonPropertyDescription("width of each reprogramming head (Time-LLM passes d_ff: 128 for ETTh1)")
    Integer dKeys,
    @JsonPropertyDescription("text prototypes: a learned linear map of the backbone's word embeddings (Time-LLM's "
        + "num_tokens: 1000)")
    Integer prototypes,
    @JsonPropertyDescription("dropout after the patch embedding (Time-LLM: dropout 0.1)")
    Double dropout,
    @JsonPropertyDescription("dropout on the reprogramming attention (Time-LLM: 0.1)")
    Double attentionDropout,
    @JsonPropertyDescription("prompt-as-prefix; absent means no prompt (Time-LLM's ablation without it)")
    PromptConfig prompt) implements PluginConfig {

  public TimeLlmConfig {
    patchLength = patchLength == null ? 16 : patchLength;
    stride = stride == null ? 8 : stride;
    dModel = dModel == null ? 32 : dModel;
    heads = heads == null ? 8 : heads;
    dKeys = dKeys == null ? 128 : dKeys;
    prototypes = prototypes == null ? 1000 : prototypes;
    dropout = dropout == null ? 0.1 : dropout;
    attentionDropout = attentionDropout == null ? 0.1 : attentionDropout;
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.checkPositive("patch_length", patchLength);
    problems.checkPositive("stride", stride);
    problems.checkPositive("d_model", dModel);
    problems.checkPositive("heads", heads);
    problems.checkPositive("d_keys", dKeys);
    problems.checkPositive("prototypes", prototypes);
    problems.check(dropout >= 0 && dropout < 1, "dropout", dropout, "a dropout rate in [0, 1)");
    problems.check(attentionDropout >= 0 && attentionDropout < 1, "attention_dropout", attentionDropout,
        "a dropout rate in [0, 1)");
    if (prompt != null) {
      prompt.validate((field, value, expected) -> problems.reject("prompt." + field, value, expected));
    }
  }

  /** Patches per channel: Time-LLM's {@code (seq_len - patch_len) / stride + 2}, after padding by one stride. */
  int patchCount(int inputLength) {
    return (inputLength + stride - patchLength) / stride + 1;
  }
}
