package io.tsllm.core.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.PluginConfig;

/**
 * The {@code output} section.
 */
public record OutputConfig(
    @JsonPropertyDescription("the folder that receives one sub-folder per run; relative to the working directory")
    String dir,
    @JsonPropertyDescription("export the best model as a TensorFlow SavedModel (saved_model/ in the run folder)")
    Boolean savedModel,
    @JsonPropertyDescription("fold trained LoRA adapters into their base weights in the exported model")
    Boolean mergeLora) implements PluginConfig {

  public OutputConfig {
    dir = dir == null ? "runs" : dir;
    savedModel = savedModel == null ? Boolean.TRUE : savedModel;
    mergeLora = mergeLora == null ? Boolean.TRUE : mergeLora;
  }

  public static OutputConfig defaults() {
    return new OutputConfig(null, null, null);
  }

  @Override
  public void validate(ConfigProblems problems) {
    problems.check(!dir.isBlank(), "dir", dir, "a folder path");
  }
}
