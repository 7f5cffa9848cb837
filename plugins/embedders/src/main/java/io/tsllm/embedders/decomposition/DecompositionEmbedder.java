package io.tsllm.embedders.decomposition;

import io.tsllm.embedders.common.ChannelTokens;
import io.tsllm.embedders.common.Patches;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Embedder;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.WindowShape;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DLinear's front-end (Zeng et al., AAAI 2023, {@code series_decomp} in LTSF-Linear): each channel its own
 * sequence, split into a trend, the moving average of {@code kernel_size} steps with stride 1 over the series padded
 * by repeating its first and last values {@code (kernel_size - 1) / 2} times, and the remainder (the seasonal part).
 * Each sequence becomes two tokens as wide as the input, the remainder first, then the trend; no normalization.
 * DLinear is this embedder, the {@code identity} backbone as wide as the input and the {@code forecast} head with
 * {@code "projection": "dlinear"}.
 */
public final class DecompositionEmbedder implements Embedder<DecompositionConfig> {

  @Override
  public String name() {
    return "decomposition";
  }

  @Override
  public Class<DecompositionConfig> configType() {
    return DecompositionConfig.class;
  }

  @Override
  public String description() {
    return "DLinear's series decomposition: per channel, a remainder and a moving-average trend token as wide as "
        + "the input";
  }

  @Override
  public void checkCompatible(DecompositionConfig config, WindowShape shape, int width, ConfigProblems problems) {
    problems.check(width == shape.inputLength(), "type", "decomposition",
        "a backbone as wide as the input length (" + shape.inputLength() + "; the identity backbone's width), found "
            + width);
  }

  @Override
  public FeatureTokens embed(GraphContext context, DecompositionConfig config, Operand<TFloat32> series, int width) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    int length = shape.inputLength();
    int channels = shape.channels();
    Operand<TFloat32> sequences = Patches.perChannel(tf, series, length);
    Operand<TFloat32> trend = movingAverage(tf, sequences, length, config.kernelSize());
    Operand<TFloat32> remainder = tf.math.sub(sequences, trend);
    Operand<TFloat32> tokens = tf.stack(List.of(remainder, trend), org.tensorflow.op.core.Stack.axis(1L));
    return new ChannelTokens(tokens, 2, length, channels, null, null, 0);
  }

  /** LTSF-Linear's {@code moving_avg}: replicate the ends, then AvgPool1d(kernel, stride 1, no padding). */
  static Operand<TFloat32> movingAverage(Ops tf, Operand<TFloat32> sequences, int length, int kernel) {
    int side = (kernel - 1) / 2;
    if (side == 0) {
      return sequences;
    }
    Operand<TFloat32> first = tf.slice(sequences, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1}));
    Operand<TFloat32> last =
        tf.slice(sequences, tf.constant(new int[] {0, length - 1}), tf.constant(new int[] {-1, 1}));
    Operand<TFloat32> padded = tf.concat(List.of(tf.tile(first, tf.constant(new int[] {1, side})), sequences,
        tf.tile(last, tf.constant(new int[] {1, side}))), tf.constant(1));
    Operand<TFloat32> image = tf.reshape(padded, tf.constant(new int[] {-1, length + 2 * side, 1, 1}));
    Operand<TFloat32> pooled = tf.nn.avgPool(image, List.of(1L, (long) kernel, 1L, 1L), List.of(1L, 1L, 1L, 1L),
        "VALID");
    return tf.reshape(pooled, tf.constant(new int[] {-1, length}));
  }
}
