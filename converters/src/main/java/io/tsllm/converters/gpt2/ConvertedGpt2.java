package io.tsllm.converters.gpt2;

import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.converters.bundle.ConvertedModel;
import io.tsllm.converters.bundle.Manifest;
import java.nio.file.Path;
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
    Map<String, long[]> shapes) implements ConvertedModel {

  public static final String FORMAT = "tsllm-gpt2";

  public static ConvertedGpt2 open(Path folder) {
    Manifest manifest = Manifest.read(folder, FORMAT);
    JsonNode c = manifest.config();
    HfGpt2Config config = new HfGpt2Config(c.path("n_embd").asInt(), c.path("n_layer").asInt(),
        c.path("n_head").asInt(), c.path("n_positions").asInt(), c.path("layer_norm_epsilon").asDouble(),
        c.path("activation_function").asText());
    return new ConvertedGpt2(folder, config, manifest.layers(), manifest.checkpointPrefix(), manifest.shapes());
  }
}
