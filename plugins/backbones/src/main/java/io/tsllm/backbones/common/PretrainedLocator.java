package io.tsllm.backbones.common;

import io.tsllm.converters.bundle.BundleConverter;
import io.tsllm.converters.bundle.ConvertedModel;
import io.tsllm.spi.DataException;
import io.tsllm.spi.HfHubCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the pre-trained weights {@code backbone.weights} names: a converted folder (used as is), a HuggingFace model folder, or
 * a model id in the local HuggingFace cache (both converted into a temporary folder, keeping only the layers the
 * experiment uses). Never touches the network.
 */
public final class PretrainedLocator<M extends ConvertedModel> {

  /** One model family's converted format and converter. */
  public interface Family<M extends ConvertedModel> {
    /** For messages: {@code GPT-2}, {@code LLaMA-family}. */
    String label();

    /** An example model id for messages. */
    String exampleId();

    M open(Path converted);

    M convert(Path source, Path output, BundleConverter.Options options);
  }

  private final HfHubCache cache;
  private final Family<M> family;
  /** Folders converted on the fly, by source and layers: a graph asks for the encoder and the word embedding. */
  private final Map<String, M> converted = new ConcurrentHashMap<>();

  public PretrainedLocator(HfHubCache cache, Family<M> family) {
    this.cache = cache;
    this.family = family;
  }

  /**
   * @param layers keep only what the first {@code layers} blocks need when converting
   * @param wordEmbeddings keep the input word embedding when converting
   */
  public M locate(String weights, Path resolved, int layers, boolean wordEmbeddings) {
    BundleConverter.Options options = new BundleConverter.Options(layers, wordEmbeddings);
    if (Files.isDirectory(resolved)) {
      return ConvertedModel.isConverted(resolved) ? family.open(resolved) : convertOnce(resolved, options);
    }
    Optional<Path> snapshot = looksLikeModelId(weights) ? cache.snapshot(weights) : Optional.empty();
    if (snapshot.isPresent()) {
      return convertOnce(snapshot.get(), options);
    }
    throw new DataException(resolved, null, "no " + family.label() + " weights for backbone.weights '" + weights
        + "': looked for a"
        + " converted or HuggingFace model folder at " + resolved + " and for a model in the HuggingFace cache at "
        + cache.modelFolder(weights) + ". Nothing is downloaded: fetch the model once (for example with Python's"
        + " huggingface_hub, `huggingface-cli download " + family.exampleId() + "`), or point backbone.weights at a folder holding"
        + " config.json and model.safetensors or pytorch_model.bin, or at the output of `framework.jar convert`.");
  }

  private static boolean looksLikeModelId(String weights) {
    return !weights.isBlank() && weights.chars().filter(c -> c == '/').count() <= 1 && !weights.startsWith(".")
        && !weights.startsWith("/");
  }

  /** Reuses an earlier conversion of the same folder that holds what is asked for. */
  private M convertOnce(Path folder, BundleConverter.Options options) {
    String key = folder.toAbsolutePath().normalize() + "|" + options.layers();
    M earlier = converted.get(key);
    if (earlier != null && Files.isDirectory(earlier.folder())
        && (!options.wordEmbeddings() || earlier.shapes().containsKey(earlier.config().wordEmbeddings()))) {
      return earlier;
    }
    M fresh = convert(folder, options);
    converted.put(key, fresh);
    return fresh;
  }

  private M convert(Path folder, BundleConverter.Options options) {
    Path temp;
    try {
      temp = Files.createTempDirectory("tsllm-converted-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder to convert " + folder, e);
    }
    // Removed when the process ends, or at once when the folder cannot be converted (a damaged checkpoint).
    deleteOnExit(temp);
    try {
      return family.convert(folder, temp.resolve("converted"), options);
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
