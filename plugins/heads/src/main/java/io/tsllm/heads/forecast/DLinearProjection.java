package io.tsllm.heads.forecast;

import io.tsllm.spi.BatchedMatMul;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * DLinear's output (LTSF-Linear's {@code models/DLinear.py}): one {@code Linear(width, steps)} per token (the
 * remainder's {@code Linear_Seasonal} and the trend's {@code Linear_Trend}), their outputs summed; weights start at
 * {@code 1 / width} and biases uniform in {@code +-1 / sqrt(width)}, as there. Shared by all channels, or one set
 * per channel ({@code individual}). Tokens are per channel ({@link FeatureTokens#channelsPerSequence()} 1).
 */
final class DLinearProjection {

  private DLinearProjection() {}

  static Operand<TFloat32> project(GraphContext context, FeatureTokens tokens, Operand<TFloat32> hidden, int steps,
      boolean individual) {
    Ops tf = context.tf();
    int count = tokens.count();
    int width = tokens.width();
    float limit = (float) (1 / Math.sqrt(width));
    // The maps of all tokens stacked along the input axis: [count * width, steps] applied to the flattened tokens is
    // the sum of each token's map. Biases stay one per token and are summed, so each trains as DLinear's does.
    if (!individual) {
      var weight = context.parameter("dlinear.weight", ParameterRole.HEAD, Shape.of(count * width, steps),
          Initializers.constant(1f / width));
      var bias = context.parameter("dlinear.bias", ParameterRole.HEAD, Shape.of(count, steps),
          Initializers.uniform(limit));
      Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, count * width}));
      Operand<TFloat32> out = tf.math.add(tf.linalg.matMul(flat, weight),
          tf.reduceSum(bias, tf.constant(0), ReduceSum.keepDims(true)));
      return tokens.toSeries(tf, out);
    }
    int channels = context.windowShape().channels();
    var weight = context.parameter("dlinear.weight", ParameterRole.HEAD, Shape.of(channels, count * width, steps),
        Initializers.constant(1f / width));
    var bias = context.parameter("dlinear.bias", ParameterRole.HEAD, Shape.of(channels, count, steps),
        Initializers.uniform(limit));
    // [batch * channels, count, width] -> [channels, batch, count * width], one matrix product per channel.
    Operand<TFloat32> perChannel = tf.linalg.transpose(
        tf.reshape(hidden, tf.constant(new int[] {-1, channels, count * width})), tf.constant(new int[] {1, 0, 2}));
    Operand<TFloat32> out = tf.math.add(BatchedMatMul.of(tf, perChannel, weight),
        tf.reduceSum(bias, tf.constant(1), ReduceSum.keepDims(true)));
    Operand<TFloat32> sequences = tf.reshape(tf.linalg.transpose(out, tf.constant(new int[] {1, 0, 2})),
        tf.constant(new int[] {-1, steps}));
    return tokens.toSeries(tf, sequences);
  }
}
