package io.tsllm.backbones.patchtst;

import io.tsllm.spi.Backbone;
import io.tsllm.spi.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * PatchTST's encoder (Nie et al., ICLR 2023; {@code TSTiEncoder} and {@code TSTEncoder} in PatchTST_supervised's
 * {@code layers/PatchTST_backbone.py}) over the patch embedder's tokens: learnable positions, then
 * {@code e_layers} Transformer encoder layers with residual attention and BatchNorm. With the {@code patch}
 * embedder (its {@code W_P}, RevIN without affine weights, replication padding) and the {@code forecast} head
 * (PatchTST's {@code Flatten_Head}) it is PatchTST; with {@code norm: layer} and {@code residual_attention: false}
 * a plain Transformer encoder.
 */
public final class PatchTstBackbone implements Backbone<PatchTstConfig> {

  @Override
  public String name() {
    return "patchtst";
  }

  @Override
  public Class<PatchTstConfig> configType() {
    return PatchTstConfig.class;
  }

  @Override
  public String description() {
    return "PatchTST's encoder: learnable positions, residual attention, BatchNorm post-norm (Nie et al. 2023)";
  }

  @Override
  public int width(PatchTstConfig config) {
    return config.dModel();
  }

  @Override
  public Operand<TFloat32> encode(GraphContext context, PatchTstConfig config, Operand<TFloat32> tokens) {
    return new PatchTstGraph(context, config).forward(tokens);
  }
}
