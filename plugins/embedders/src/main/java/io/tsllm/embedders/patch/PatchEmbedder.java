package io.tsllm.embedders.patch;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.WindowShape;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * GPT4TS's front-end: per-window, per-channel instance normalization; channel independence (each channel is its
 * own sequence); replication padding by one stride; overlapping patches; a linear projection of each patch to the
 * backbone width.
 */
public final class PatchEmbedder implements Embedder<PatchEmbedderConfig> {

  /** GPT4TS adds this inside the square root of the variance. */
  private static final float NORM_EPSILON = 1e-5f;

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
      Operand<org.tensorflow.types.TInt32> timeAxis = tf.constant(new int[] {1});
      Optional<Operand<TFloat32>> observed = context.observed();
      if (observed.isEmpty()) {
        mean = tf.stopGradient(tf.math.mean(x, timeAxis, Mean.keepDims(true)));
        Operand<TFloat32> centered = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), timeAxis, Mean.keepDims(true));
        std = tf.stopGradient(tf.math.sqrt(tf.math.add(variance, tf.constant(NORM_EPSILON))));
        x = tf.math.div(centered, std);
      } else {
        // Statistics of the observed values only; hidden values stay 0 after normalization (GPT4TS imputation).
        Operand<TFloat32> m = observed.get();
        Operand<TFloat32> observedSteps = tf.math.maximum(tf.reduceSum(m, timeAxis, ReduceSum.keepDims(true)),
            tf.constant(1f));
        mean = tf.stopGradient(tf.math.div(tf.reduceSum(tf.math.mul(x, m), timeAxis, ReduceSum.keepDims(true)),
            observedSteps));
        Operand<TFloat32> centered = tf.math.mul(tf.math.sub(x, mean), m);
        Operand<TFloat32> variance = tf.math.div(
            tf.reduceSum(tf.math.square(centered), timeAxis, ReduceSum.keepDims(true)), observedSteps);
        std = tf.stopGradient(tf.math.sqrt(tf.math.add(variance, tf.constant(NORM_EPSILON))));
        x = tf.math.div(centered, std);
      }
    }
    // [batch, L, C] -> [batch * C, L]: every channel is a sequence of its own.
    Operand<TFloat32> perChannel =
        tf.reshape(tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1})), tf.constant(new int[] {-1, inputLength}));
    // One gather cuts all patches; indices past the end repeat the last step, which is replication padding.
    Operand<TFloat32> patches = tf.gather(perChannel, tf.constant(patchIndices(config, inputLength)), tf.constant(1));
    Operand<TFloat32> flat = tf.reshape(patches, tf.constant(new int[] {-1, patchLength}));
    float limit = (float) (1 / Math.sqrt(patchLength));
    var weight = context.parameter(
        "in_layer.weight", ParameterRole.EMBEDDER, Shape.of(patchLength, width), Initializers.uniform(limit));
    var bias = context.parameter("in_layer.bias", ParameterRole.EMBEDDER, Shape.of(width), Initializers.uniform(limit));
    Operand<TFloat32> projected = tf.math.add(tf.linalg.matMul(flat, weight), bias);
    Operand<TFloat32> tokens = tf.reshape(projected, tf.constant(new int[] {-1, count, width}));
    return new PatchTokens(tokens, count, width, channels, mean, std);
  }

  private static int[][] patchIndices(PatchEmbedderConfig config, int inputLength) {
    int count = config.patchCount(inputLength);
    int[][] indices = new int[count][config.patchLength()];
    for (int p = 0; p < count; p++) {
      for (int j = 0; j < config.patchLength(); j++) {
        indices[p][j] = Math.min(p * config.stride() + j, inputLength - 1);
      }
    }
    return indices;
  }

  /** Tokens of {@code batch * channels} sequences; outputs go back to {@code [batch, steps, channels]}. */
  private record PatchTokens(
      Operand<TFloat32> tokens, int count, int width, int channels, Operand<TFloat32> mean, Operand<TFloat32> std)
      implements FeatureTokens {

    @Override
    public int channelsPerSequence() {
      return 1;
    }

    @Override
    public Operand<TFloat32> toSeries(Ops tf, Operand<TFloat32> perSequence) {
      int steps = (int) perSequence.shape().get(1);  // one channel per sequence
      Operand<TFloat32> grouped = tf.reshape(perSequence, tf.constant(new int[] {-1, channels, steps}));
      Operand<TFloat32> series = tf.linalg.transpose(grouped, tf.constant(new int[] {0, 2, 1}));
      if (mean == null) {
        return series;
      }
      return tf.math.add(tf.math.mul(series, std), mean);
    }
  }
}
