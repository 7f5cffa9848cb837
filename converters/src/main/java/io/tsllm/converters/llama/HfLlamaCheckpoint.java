package io.tsllm.converters.llama;

import io.tsllm.converters.hf.HfWeightFiles;
import java.nio.file.Path;

/**
 * A HuggingFace LLaMA-family model folder ({@code LlamaForCausalLM}, {@code Qwen2ForCausalLM}, ... or the bare
 * {@code LlamaModel}): {@code config.json} and its weights ({@link HfWeightFiles}). Names lose the {@code model.}
 * prefix; {@code lm_head} and the rotary {@code inv_freq} buffers older checkpoints stored are left out.
 */
public record HfLlamaCheckpoint(HfLlamaConfig config, HfWeightFiles weights) implements AutoCloseable {

  static final String PREFIX = "model.";

  public static HfLlamaCheckpoint open(Path folder) {
    HfLlamaConfig config = HfLlamaConfig.read(folder.resolve("config.json"));
    return new HfLlamaCheckpoint(config, HfWeightFiles.open(folder, HfLlamaCheckpoint::normalize));
  }

  /** The framework's name for a stored tensor, or null for tensors LlamaModel does not use. */
  static String normalize(String stored) {
    String name = stored.startsWith(PREFIX) ? stored.substring(PREFIX.length()) : stored;
    if (name.startsWith("lm_head.") || name.endsWith(".rotary_emb.inv_freq")) {
      return null;
    }
    return name;
  }

  @Override
  public void close() {
    weights.close();
  }
}
