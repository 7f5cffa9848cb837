package io.tsllm.embedders.patch;

import io.tsllm.embedders.common.ChannelTokens;
import io.tsllm.embedders.common.InstanceNorm;
import io.tsllm.embedders.common.Patches;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.WindowShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * GPT4TS's front-end: per-window, per-channel instance normalization; channel independence (each channel is its
 * own sequence); replication padding by one stride; overlapping patches; a linear projection of each patch to the
 * backbone width.
 */
public final class PatchEmbedder implements Embedder<PatchEmbedderConfig> {

  @Override
  public String name() {
    return "patch";
  }

  @Override
  public Class<PatchEmbedderConfig> configType() {
    return PatchEmbedderConfig.class;
  }

  @Override
  public String description() {
    return "instance norm + channel independence + overlapping patches + linear projection (GPT4TS)";
  }

  @Override
  public void checkCompatible(
      PatchEmbedderConfig config, WindowShape shape, int width, ConfigProblems problems) {
    int padded = config.paddedLength(shape.inputLength());
    problems.check(
        config.patchLength() <= padded,
        "patch_length",
        config.patchLength(),
        "at most the " + (config.padding() == Padding.REPLICATE ? "padded " : "") + "input length (" + padded + ")");
  }

  @Override
  public FeatureTokens embed(
      GraphContext context, PatchEmbedderConfig config, Operand<TFloat32> series, int width) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    int inputLength = shape.inputLength();
    int channels = shape.channels();
    int patchLength = config.patchLength();
    int count = config.patchCount(inputLength);

    Operand<TFloat32> x = series;
    Operand<TFloat32> mean = null;
    Operand<TFloat32> std = null;
    if (config.instanceNorm()) {
      InstanceNorm norm = InstanceNorm.of(context, series);
      x = norm.normalized();
      mean = norm.mean();
      std = norm.std();
    }
    Operand<TFloat32> patches = Patches.cut(tf, x, inputLength, patchLength, config.stride(), count);
    Operand<TFloat32> flat = tf.reshape(patches, tf.constant(new int[] {-1, patchLength}));
    float limit = (float) (1 / Math.sqrt(patchLength));
    var weight = context.parameter(
        "in_layer.weight", ParameterRole.EMBEDDER, Shape.of(patchLength, width), Initializers.uniform(limit));
    var bias = context.parameter("in_layer.bias", ParameterRole.EMBEDDER, Shape.of(width), Initializers.uniform(limit));
    Operand<TFloat32> projected = tf.nn.biasAdd(tf.linalg.matMul(flat, weight), bias);
    Operand<TFloat32> tokens = tf.reshape(projected, tf.constant(new int[] {-1, count, width}));
    return new ChannelTokens(tokens, count, width, channels, mean, std, 0);
  }
}
