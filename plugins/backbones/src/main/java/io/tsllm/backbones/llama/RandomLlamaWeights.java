package io.tsllm.backbones.llama;

import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.spi.Initializer;
import io.tsllm.spi.Initializers;
import org.tensorflow.ndarray.Shape;

/**
 * HuggingFace's {@code LlamaPreTrainedModel._init_weights} ({@code initializer_range} 0.02): linear weights and
 * the word embedding normal(0, 0.02), biases 0, RMSNorm gains 1.
 */
final class RandomLlamaWeights implements BackboneWeights {

  private static final float STDDEV = 0.02f;

  @Override
  public Initializer initializer(String name, Shape shape) {
    if (name.endsWith(".bias")) {
      return Initializers.zeros();
    }
    if (name.endsWith("norm.weight")) {
      return Initializers.ones();
    }
    return Initializers.normal(STDDEV);
  }
}
