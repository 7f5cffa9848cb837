package io.tsllm.converters.gpt2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GPT-2 in the framework's format, as {@link Gpt2Converter} writes it: {@code manifest.json} (config, tensor
 * names and shapes, sources and their SHA-256) and a TensorFlow checkpoint bundle {@code checkpoint/model.*} whose
 * keys are HuggingFace's tensor names without the {@code transformer.} prefix.
 *
 * @param checkpointPrefix the bundle's prefix, as TensorFlow's restore ops take it
 * @param layers how many blocks the bundle holds (the first ones)
 * @param shapes every tensor in the bundle, by name
 */
public record ConvertedGpt2(Path folder, HfGpt2Config config, int layers, Path checkpointPrefix,
    Map<String, long[]> shapes) {

  public static final String MANIFEST = "manifest.json";
  public static final String CHECKPOINT = "checkpoint";
  public static final String PREFIX = "model";
  public static final String FORMAT = "tsllm-gpt2";

  public static boolean isConverted(Path folder) {
    return Files.isRegularFile(folder.resolve(MANIFEST));
  }

  public static ConvertedGpt2 open(Path folder) {
    Path manifest = folder.resolve(MANIFEST);
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(manifest));
    } catch (IOException e) {
      throw new CheckpointException(manifest, null, "cannot be read: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new CheckpointException(manifest, null, "is not a " + FORMAT + " manifest");
    }
    JsonNode c = root.path("config");
    HfGpt2Config config = new HfGpt2Config(c.path("n_embd").asInt(), c.path("n_layer").asInt(),
        c.path("n_head").asInt(), c.path("n_positions").asInt(), c.path("layer_norm_epsilon").asDouble(),
        c.path("activation_function").asText());
    Map<String, long[]> shapes = new LinkedHashMap<>();
    for (JsonNode tensor : root.path("tensors")) {
      JsonNode dims = tensor.path("shape");
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = dims.get(i).asLong();
      }
      shapes.put(tensor.path("name").asText(), shape);
    }
    Path prefix = folder.resolve(CHECKPOINT).resolve(PREFIX);
    if (!Files.isRegularFile(Path.of(prefix + ".index"))) {
      throw new CheckpointException(folder, null, "lacks its checkpoint bundle " + prefix + ".index");
    }
    return new ConvertedGpt2(folder, config, root.path("layers").asInt(), prefix, Map.copyOf(shapes));
  }
}
