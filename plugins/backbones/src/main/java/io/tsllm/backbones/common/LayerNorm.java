package io.tsllm.backbones.common;

import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * PyTorch's {@code nn.LayerNorm} over the last axis, starting as the identity: {@code <name>.weight} ones and
 * {@code <name>.bias} zeros, of role {@link ParameterRole#LAYER_NORM}.
 */
public final class LayerNorm {

  private LayerNorm() {}

  public static Operand<TFloat32> apply(GraphContext context, String name, Operand<TFloat32> x, int width,
      float epsilon) {
    Ops tf = context.tf();
    var gamma = context.parameter(name + ".weight", ParameterRole.LAYER_NORM, Shape.of(width), Initializers.ones());
    var beta = context.parameter(name + ".bias", ParameterRole.LAYER_NORM, Shape.of(width), Initializers.zeros());
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(new int[] {-1}), Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), tf.constant(new int[] {-1}),
        Mean.keepDims(true));
    Operand<TFloat32> normalized = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(epsilon))));
    return tf.math.add(tf.math.mul(normalized, gamma), beta);
  }
}
