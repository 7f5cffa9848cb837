package io.tsllm.backbones.common;

import io.tsllm.spi.Initializer;
import org.tensorflow.ndarray.Shape;

/**
 * Where a pre-trained backbone's weights come from: the one seam between its graph and a weight source (random
 * initialization, or a checkpoint). Names are HuggingFace's state-dict keys without the model prefix
 * ({@code transformer.} for GPT-2, {@code model.} for LLaMA), e.g. {@code h.0.attn.c_attn.weight} or
 * {@code layers.0.self_attn.q_proj.weight}; shapes are HuggingFace's ({@code Conv1D} weights {@code [in, out]},
 * {@code nn.Linear} weights {@code [out, in]}).
 */
public interface BackboneWeights {

  Initializer initializer(String name, Shape shape);

  /**
   * How a LoRA adapter starts: PEFT's initialization, unless the source holds adapter weights of that name (a
   * saved fine-tune).
   */
  default Initializer adapterInitializer(String name, Initializer peftDefault) {
    return peftDefault;
  }
}
