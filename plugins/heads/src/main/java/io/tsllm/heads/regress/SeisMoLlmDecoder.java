package io.tsllm.heads.regress;

import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.LatentPatching;
import io.tsllm.spi.ParameterRole;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * SeisMoLLM's {@code HeadRegression} on the un-patched feature sequence {@code [batch, steps, C]}: two 1-d
 * convolutions of C to C channels (kernel 16, stride 4, no padding, with bias, nothing between them), average pooling
 * over the steps, a linear layer to the values and a sigmoid scaled to {@code (0, scale)}. Parameter names follow
 * its PyTorch module ({@code convs.0}, {@code convs.1}, {@code lin}); initialization is PyTorch's default,
 * uniform within 1/sqrt(fan-in).
 */
final class SeisMoLlmDecoder {

  static final int KERNEL = 16;
  static final int STRIDE = 4;
  static final int CONVS = 2;
  /** The shortest feature sequence both convolutions leave a step of. */
  static final int MIN_STEPS = KERNEL + (KERNEL - 1) * STRIDE;

  private SeisMoLlmDecoder() {}

  /** Steps left after the two convolutions of a sequence of {@code steps}; below 1, the sequence is too short. */
  static int outputSteps(int steps) {
    int length = steps;
    for (int i = 0; i < CONVS; i++) {
      if (length < KERNEL) {
        return 0;
      }
      length = (length - KERNEL) / STRIDE + 1;
    }
    return length;
  }

  /** The scaled-sigmoid values {@code [batch, values]}. */
  static Operand<TFloat32> build(GraphContext context, LatentPatching patching, int count, Operand<TFloat32> hidden,
      int values, float scale) {
    Ops tf = context.tf();
    int channels = patching.featureChannels();
    // [batch, steps, C] as a one-row image [batch, 1, steps, C], so conv2d runs the 1-d convolution.
    Operand<TFloat32> x = tf.expandDims(patching.unpatch(tf, hidden, count), tf.constant(1));
    float convLimit = (float) (1 / Math.sqrt((double) channels * KERNEL));
    for (int i = 0; i < CONVS; i++) {
      var weight = context.parameter("convs." + i + ".weight", ParameterRole.HEAD,
          Shape.of(1, KERNEL, channels, channels), Initializers.uniform(convLimit));
      var bias = context.parameter("convs." + i + ".bias", ParameterRole.HEAD, Shape.of(channels),
          Initializers.uniform(convLimit));
      x = tf.nn.biasAdd(tf.nn.conv2d(x, weight, List.of(1L, 1L, (long) STRIDE, 1L), "VALID"), bias);
    }
    Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}));
    float limit = (float) (1 / Math.sqrt(channels));
    var weight = context.parameter("lin.weight", ParameterRole.HEAD, Shape.of(channels, values),
        Initializers.uniform(limit));
    var bias = context.parameter("lin.bias", ParameterRole.HEAD, Shape.of(values), Initializers.uniform(limit));
    Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(pooled, weight), bias);
    return tf.math.mul(tf.math.sigmoid(logits), tf.constant(scale));
  }
}
