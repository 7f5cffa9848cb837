package io.tsllm.embedders.multiscale;

import io.tsllm.spi.BatchNorm;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.LatentPatching;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.WindowShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * SeisMoLLM's multi-scale convolutional embedder and latent patching. Each block runs parallel branches (1x1
 * conv, then a strided conv of the branch's kernel with padding so the output has {@code ceil(L / stride)} steps,
 * batch norm, GELU), concatenates them and projects with a 1x1 conv and batch norm. The feature sequence
 * {@code [batch, steps, channels]} is then cut into patches of {@code patch_length} steps, each flattened
 * channel-major (channel x step) into one token, so all channels share a sequence. Convolutions have no bias, as
 * batch norm follows each.
 */
public final class MultiScaleConvEmbedder implements Embedder<MultiScaleConvConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(MultiScaleConvEmbedder.class);

  @Override
  public String name() {
    return "multiscale-conv";
  }

  @Override
  public Class<MultiScaleConvConfig> configType() {
    return MultiScaleConvConfig.class;
  }

  @Override
  public String description() {
    return "multi-scale conv blocks (1x1, conv k_i, BatchNorm, GELU; concat, 1x1, BatchNorm) + latent patching"
        + " (SeisMoLLM)";
  }

  @Override
  public void checkCompatible(MultiScaleConvConfig config, WindowShape shape, int width, ConfigProblems problems) {
    int last = config.channels().get(config.blocks() - 1);
    problems.check(last * config.patchLength() == width, "patch_length", config.patchLength(),
        "a patch whose tokens (last block's " + last + " channels x patch_length = " + last * config.patchLength()
            + ") are as wide as the backbone (" + width + ")");
    problems.check(config.tokenCount(shape.inputLength()) >= 1, "strides", config.strides(),
        "strides that leave at least one patch of " + config.patchLength() + " steps from the input's "
            + shape.inputLength() + " steps (they leave " + config.featureLength(shape.inputLength()) + ")");
  }

  @Override
  public FeatureTokens embed(GraphContext context, MultiScaleConvConfig config, Operand<TFloat32> series, int width) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    Operand<TFloat32> x = "window".equals(config.normalize()) ? normalizeWindow(tf, series) : series;
    int in = shape.channels();
    int length = shape.inputLength();
    for (int b = 0; b < config.blocks(); b++) {
      int out = config.channels().get(b);
      int stride = config.strides().get(b);
      List<Operand<TFloat32>> branches = new ArrayList<>();
      for (int r = 0; r < config.branches(); r++) {
        String name = "block" + b + ".branch" + r;
        int kernel = config.kernels().get(b) + config.kernelSteps().get(b) * r;
        Operand<TFloat32> y = conv(context, name + ".in_proj", x, in, in, 1, 1, length);
        y = conv(context, name + ".conv", y, in, out, kernel, stride, length);
        y = batchNorm(context, config, name + ".norm", y, out);
        branches.add(BatchNorm.gelu(tf, y));
      }
      length = (length + stride - 1) / stride;
      Operand<TFloat32> joined = tf.concat(branches, tf.constant(2));
      Operand<TFloat32> projected =
          conv(context, "block" + b + ".out_proj", joined, out * config.branches(), out, 1, 1, length);
      x = batchNorm(context, config, "block" + b + ".norm", projected, out);
      in = out;
    }
    int patch = config.patchLength();
    int count = length / patch;
    int dropped = length - count * patch;
    if (dropped > 0) {
      LOG.info("multiscale-conv: the feature sequence has {} steps; latent patching of {} keeps {} tokens and drops"
          + " the last {} steps", length, patch, count, dropped);
    }
    // [batch, steps, C] -> [batch, count, patch, C] -> [batch, count, C, patch] -> tokens of C x patch, channel-major.
    Operand<TFloat32> kept = tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, count * patch,
        in}));
    Operand<TFloat32> patches = tf.reshape(kept, tf.constant(new int[] {-1, count, patch, in}));
    Operand<TFloat32> tokens = tf.reshape(tf.linalg.transpose(patches, tf.constant(new int[] {0, 1, 3, 2})),
        tf.constant(new int[] {-1, count, in * patch}));
    return new MixedTokens(tokens, count, width, shape.channels(), new LatentPatching(in, patch));
  }

  /**
   * A 1-d convolution without bias over {@code [batch, steps, in]}, padded as SeisMoLLM does: {@code ceil(L/s)}
   * output steps, the padding split evenly with the extra step on the right.
   */
  private static Operand<TFloat32> conv(GraphContext context, String name, Operand<TFloat32> x, int in, int out,
      int kernel, int stride, int length) {
    Ops tf = context.tf();
    int total = (stride - length % stride) % stride + kernel - stride;
    if (total > 0) {
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {total / 2, total - total / 2}, {0, 0}}), tf.constant(0f));
    }
    float limit = (float) (1 / Math.sqrt((double) in * kernel));
    Variable<TFloat32> weight = context.parameter(name + ".weight", ParameterRole.EMBEDDER,
        Shape.of(1, kernel, in, out), Initializers.uniform(limit));
    Operand<TFloat32> image = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> y = tf.nn.conv2d(image, weight, Arrays.asList(1L, 1L, (long) stride, 1L), "VALID");
    return tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
  }

  /**
   * Each window demeaned per channel and divided by its standard deviation over all channels and steps (plus a
   * small floor, so a silent window stays zeros): relative amplitudes between components survive.
   */
  static Operand<TFloat32> normalizeWindow(Ops tf, Operand<TFloat32> series) {
    Operand<TFloat32> demeaned = tf.math.sub(series, tf.math.mean(series, tf.constant(1),
        org.tensorflow.op.math.Mean.keepDims(true)));
    Operand<TFloat32> std = tf.math.sqrt(tf.math.mean(tf.math.square(demeaned), tf.constant(new int[] {1, 2}),
        org.tensorflow.op.math.Mean.keepDims(true)));
    return tf.math.div(demeaned, tf.math.add(std, tf.constant(1e-6f)));
  }

  private static Operand<TFloat32> batchNorm(GraphContext context, MultiScaleConvConfig config, String name,
      Operand<TFloat32> x, int channels) {
    return BatchNorm.apply(context, name, ParameterRole.EMBEDDER, x, channels, config.epsilon().floatValue(),
        config.momentum().floatValue());
  }

  /** One sequence per sample mixing all channels; outputs are step-major {@code [steps, channels]}. */
  private record MixedTokens(Operand<TFloat32> tokens, int count, int width, int channels, LatentPatching patching)
      implements FeatureTokens {

    @Override
    public java.util.Optional<LatentPatching> latentPatching() {
      return java.util.Optional.of(patching);
    }

    @Override
    public int channelsPerSequence() {
      return channels;
    }

    @Override
    public Operand<TFloat32> toSeries(Ops tf, Operand<TFloat32> perSequence) {
      int steps = (int) perSequence.shape().get(1) / channels;
      return tf.reshape(perSequence, tf.constant(new int[] {-1, steps, channels}));
    }
  }
}
