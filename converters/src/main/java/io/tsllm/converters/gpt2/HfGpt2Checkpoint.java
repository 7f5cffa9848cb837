package io.tsllm.converters.gpt2;

import io.tsllm.converters.hf.HfWeightFiles;
import java.nio.file.Path;

/**
 * A HuggingFace GPT-2 model folder: {@code config.json} and its weights ({@link HfWeightFiles}). Tensor names are
 * normalized (the {@code transformer.} prefix dropped); legacy attention buffers and {@code lm_head} are left out.
 */
public record HfGpt2Checkpoint(HfGpt2Config config, HfWeightFiles weights) implements AutoCloseable {

  static final String PREFIX = "transformer.";

  public static HfGpt2Checkpoint open(Path folder) {
    HfGpt2Config config = HfGpt2Config.read(folder.resolve("config.json"));
    return new HfGpt2Checkpoint(config, HfWeightFiles.open(folder, HfGpt2Checkpoint::normalize));
  }

  /** The framework's name for a stored tensor, or null for tensors GPT2Model does not use. */
  static String normalize(String stored) {
    String name = stored.startsWith(PREFIX) ? stored.substring(PREFIX.length()) : stored;
    if (name.startsWith("lm_head.") || name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")) {
      return null;
    }
    return name;
  }

  @Override
  public void close() {
    weights.close();
  }
}
