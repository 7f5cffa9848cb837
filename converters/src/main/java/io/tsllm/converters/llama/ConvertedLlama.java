package io.tsllm.converters.llama;

import io.tsllm.converters.bundle.ConvertedModel;
import io.tsllm.converters.bundle.Manifest;
import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A LLaMA-family model in the framework's format, as {@link LlamaConverter} writes it. */
public record ConvertedLlama(Path folder, HfLlamaConfig config, int layers, Path checkpointPrefix,
    Map<String, long[]> shapes) implements ConvertedModel {

  public static ConvertedLlama open(Path folder) {
    Manifest manifest = Manifest.read(folder, HfLlamaConfig.FORMAT);
    HfLlamaConfig config;
    try {
      config = HfLlamaConfig.fromManifest(manifest.config());
    } catch (IOException e) {
      throw new CheckpointException(folder.resolve(MANIFEST), null, "config cannot be read: " + e.getMessage(), e);
    }
    return new ConvertedLlama(folder, config, manifest.layers(), manifest.checkpointPrefix(), manifest.shapes());
  }
}
