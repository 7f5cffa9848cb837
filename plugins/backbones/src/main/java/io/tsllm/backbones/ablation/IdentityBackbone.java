package io.tsllm.backbones.ablation;

import io.tsllm.spi.Backbone;
import io.tsllm.spi.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * No backbone: tokens go straight from the embedder to the head. The "w/o LLM" ablation of Tan et al. (NeurIPS
 * 2024), which asks what the language model adds over its front-end and head.
 */
public final class IdentityBackbone implements Backbone<IdentityConfig> {

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public Class<IdentityConfig> configType() {
    return IdentityConfig.class;
  }

  @Override
  public String description() {
    return "ablation: no backbone, tokens pass through unchanged (Tan et al. 2024, w/o LLM)";
  }

  @Override
  public int width(IdentityConfig config) {
    return config.width();
  }

  @Override
  public Operand<TFloat32> encode(GraphContext context, IdentityConfig config, Operand<TFloat32> tokens) {
    return tokens;
  }
}
