package io.tsllm.backbones.gpt2;

import io.tsllm.converters.gpt2.ConvertedGpt2;
import io.tsllm.converters.gpt2.Gpt2Converter;
import io.tsllm.converters.gpt2.HfHubCache;
import io.tsllm.spi.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the weights {@code backbone.weights} names: a converted folder (used as is), a HuggingFace model folder, or
 * a model id in the local HuggingFace cache (both converted into a temporary folder, keeping only the layers the
 * experiment uses). Never touches the network.
 */
final class PretrainedGpt2Locator {

  private final HfHubCache cache;

  PretrainedGpt2Locator(HfHubCache cache) {
    this.cache = cache;
  }

  ConvertedGpt2 locate(String weights, Path resolved, int layers) {
    if (Files.isDirectory(resolved)) {
      return ConvertedGpt2.isConverted(resolved) ? ConvertedGpt2.open(resolved) : convert(resolved, layers);
    }
    Optional<Path> snapshot = looksLikeModelId(weights) ? cache.snapshot(weights) : Optional.empty();
    if (snapshot.isPresent()) {
      return convert(snapshot.get(), layers);
    }
    throw new DataException(resolved, null, "no GPT-2 weights for backbone.weights '" + weights + "': looked for a"
        + " converted or HuggingFace model folder at " + resolved + " and for a model in the HuggingFace cache at "
        + cache.modelFolder(weights) + ". Nothing is downloaded: fetch the model once (for example with Python's"
        + " huggingface_hub, `huggingface-cli download gpt2`), or point backbone.weights at a folder holding"
        + " config.json and model.safetensors or pytorch_model.bin, or at the output of `framework.jar convert`.");
  }

  private static boolean looksLikeModelId(String weights) {
    return !weights.isBlank() && weights.chars().filter(c -> c == '/').count() <= 1 && !weights.startsWith(".")
        && !weights.startsWith("/");
  }

  private static ConvertedGpt2 convert(Path folder, int layers) {
    Path temp;
    try {
      temp = Files.createTempDirectory("tsllm-gpt2-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder to convert " + folder, e);
    }
    // Removed when the process ends, or at once when the folder cannot be converted (a damaged checkpoint).
    deleteOnExit(temp);
    try {
      return new Gpt2Converter().convert(folder, temp.resolve("converted"), new Gpt2Converter.Options(layers, false));
    } catch (RuntimeException e) {
      delete(temp);
      throw e;
    }
  }

  private static void deleteOnExit(Path temp) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(temp)));
  }

  private static void delete(Path temp) {
    if (!Files.exists(temp)) {
      return;
    }
    try (var paths = Files.walk(temp)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder; the OS cleans it eventually
    }
  }
}
