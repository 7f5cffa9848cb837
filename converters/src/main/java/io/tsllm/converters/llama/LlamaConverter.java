package io.tsllm.converters.llama;

import io.tsllm.converters.bundle.BundleConverter;
import java.nio.file.Path;

/** Converts a HuggingFace LLaMA-family folder to the framework's format ({@link ConvertedLlama}). */
public final class LlamaConverter {

  public ConvertedLlama convert(Path source, Path output, BundleConverter.Options options) {
    try (HfLlamaCheckpoint checkpoint = HfLlamaCheckpoint.open(source)) {
      return ConvertedLlama.open(new BundleConverter().convert(checkpoint.weights(), checkpoint.config(), output,
          options));
    }
  }
}
