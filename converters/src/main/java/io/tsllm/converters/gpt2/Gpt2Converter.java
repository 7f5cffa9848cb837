package io.tsllm.converters.gpt2;

import io.tsllm.converters.bundle.BundleConverter;
import java.nio.file.Path;

/** Converts a HuggingFace GPT-2 folder to the framework's format ({@link ConvertedGpt2}). */
public final class Gpt2Converter {

  public ConvertedGpt2 convert(Path source, Path output, BundleConverter.Options options) {
    try (HfGpt2Checkpoint checkpoint = HfGpt2Checkpoint.open(source)) {
      Path target = new BundleConverter().convert(checkpoint.weights(), checkpoint.config(), output, options);
      return ConvertedGpt2.open(target);
    }
  }
}
