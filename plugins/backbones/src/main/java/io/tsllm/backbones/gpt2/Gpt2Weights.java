package io.tsllm.backbones.gpt2;

import io.tsllm.spi.Initializer;
import org.tensorflow.ndarray.Shape;

/**
 * Where GPT-2's weights come from: the one seam between the graph and a weight source (random initialization,
 * or a checkpoint). Names are HuggingFace's {@code GPT2Model} state-dict keys without the {@code transformer.}
 * prefix, e.g. {@code h.0.attn.c_attn.weight}; shapes are HuggingFace's ({@code Conv1D} weights are
 * {@code [in, out]}).
 */
public interface Gpt2Weights {

  Initializer initializer(String name, Shape shape);

  /**
   * How a LoRA adapter starts: PEFT's initialization, unless the source holds adapter weights of that name (a
   * saved fine-tune).
   */
  default Initializer adapterInitializer(String name, Initializer peftDefault) {
    return peftDefault;
  }
}
