package io.tsllm.embedders.timellm;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;

/** Time-LLM's prompt-as-prefix: what the prompt says and how it is tokenized. */
public record PromptConfig(
    @JsonPropertyDescription("the dataset description that opens the prompt (Time-LLM's prompt_bank/<data>.txt)")
    String description,
    @JsonPropertyDescription("the language model's tokenizer: a tokenizer.json file, the model folder holding one, "
        + "or a model id in the local HuggingFace cache (read with HuggingFace's tokenizers library; special tokens "
        + "from tokenizer_config.json beside it)")
    String tokenizer,
    @JsonPropertyDescription("tokens per prompt: shorter prompts are padded at the end with pad_token (Time-LLM pads "
        + "to the longest in its batch; a fixed length keeps a window's result independent of its batch), longer "
        + "ones cut to this length")
    Integer length,
    @JsonPropertyDescription("the padding token; defaults to the eos_token of tokenizer_config.json, as Time-LLM "
        + "pads with the end-of-sequence token")
    String padToken,
    @JsonPropertyDescription("how many lags of largest autocorrelation the prompt lists (Time-LLM: 5)")
    Integer topLags) {

  public PromptConfig {
    length = length == null ? 128 : length;
    topLags = topLags == null ? 5 : topLags;
  }

  void validate(ConfigProblems problems) {
    problems.checkPresent("description", description,
        "a sentence describing the data (Time-LLM's prompt bank, e.g. the ETT description)");
    problems.checkPresent("tokenizer", tokenizer, "a tokenizer.json file, or the model folder holding one");
    problems.checkPositive("length", length);
    problems.checkPositive("top_lags", topLags);
  }
}
