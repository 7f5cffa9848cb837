package io.tsllm.converters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.bundle.ConvertedModel;
import io.tsllm.converters.gpt2.Gpt2Converter;
import io.tsllm.converters.llama.HfLlamaConfig;
import io.tsllm.converters.llama.LlamaConverter;
import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Converts a HuggingFace model folder with the converter of its {@code config.json}'s {@code model_type}:
 * {@code gpt2}, or the LLaMA family ({@code llama}, {@code qwen2}, {@code mistral}).
 */
public final class HfModelConverter {

  public ConvertedModel convert(Path source, Path output, BundleConverter.Options options) {
    String modelType = modelType(source.resolve("config.json"));
    if (modelType.equals("gpt2")) {
      return new Gpt2Converter().convert(source, output, options);
    }
    if (HfLlamaConfig.MODEL_TYPES.contains(modelType)) {
      return new LlamaConverter().convert(source, output, options);
    }
    throw new CheckpointException(source.resolve("config.json"), null, "model_type is '" + modelType
        + "'; the converter reads gpt2 and " + HfLlamaConfig.MODEL_TYPES);
  }

  private static String modelType(Path config) {
    if (!Files.isRegularFile(config)) {
      throw new CheckpointException(config, null, "no such file; a HuggingFace model folder has a config.json");
    }
    try {
      // GPT-2's own configs predate model_type; its converter has always taken a config without one as GPT-2.
      return new ObjectMapper().readTree(Files.readString(config)).path("model_type").asText("gpt2");
    } catch (IOException e) {
      throw new CheckpointException(config, null, "is not readable JSON: " + e.getMessage(), e);
    }
  }
}
