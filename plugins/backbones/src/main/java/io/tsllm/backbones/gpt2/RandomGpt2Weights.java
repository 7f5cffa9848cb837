package io.tsllm.backbones.gpt2;

import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.spi.Initializer;
import io.tsllm.spi.Initializers;
import org.tensorflow.ndarray.Shape;

/**
 * HuggingFace's {@code GPT2PreTrainedModel._init_weights}: weights and embeddings normal(0, 0.02), biases 0,
 * layer norms 1 and 0, and the residual projections ({@code c_proj}) scaled by {@code 1/sqrt(2 * n_layer)}.
 */
final class RandomGpt2Weights implements BackboneWeights {

  private static final float STDDEV = 0.02f;
  private final int nLayer;

  RandomGpt2Weights(int nLayer) {
    this.nLayer = nLayer;
  }

  @Override
  public Initializer initializer(String name, Shape shape) {
    boolean layerNorm = name.contains("ln_");
    if (name.endsWith(".bias")) {
      return Initializers.zeros();
    }
    if (layerNorm) {
      return Initializers.ones();
    }
    if (name.endsWith("c_proj.weight")) {
      return Initializers.normal((float) (STDDEV / Math.sqrt(2.0 * nLayer)));
    }
    return Initializers.normal(STDDEV);
  }
}
