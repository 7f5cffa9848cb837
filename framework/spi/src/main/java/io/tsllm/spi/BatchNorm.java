package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Batch normalization as PyTorch's {@code BatchNorm1d} computes it on {@code [batch, steps, channels]}: per channel,
 * over batch and steps, batch statistics while training (the moving ones updated with each training step, the
 * variance kept unbiased) and the moving statistics otherwise. Parameters {@code <name>.weight} and {@code
 * <name>.bias}, state {@code <name>.running_mean} and {@code <name>.running_var}, as PyTorch names them.
 */
public final class BatchNorm {

  private BatchNorm() {}

  /**
   * @param momentum PyTorch's: the weight of the new batch in the moving statistics (0.1 by default there)
   */
  public static Operand<TFloat32> apply(GraphContext context, String name, ParameterRole role, Operand<TFloat32> x,
      int channels, float epsilon, float momentum) {
    Ops tf = context.tf();
    Variable<TFloat32> gamma = context.parameter(name + ".weight", role, Shape.of(channels), Initializers.ones());
    Variable<TFloat32> beta = context.parameter(name + ".bias", role, Shape.of(channels), Initializers.zeros());
    Variable<TFloat32> movingMean = context.state(name + ".running_mean", Shape.of(channels), Initializers.zeros());
    Variable<TFloat32> movingVariance = context.state(name + ".running_var", Shape.of(channels), Initializers.ones());
    Operand<TInt32> axes = tf.constant(new int[] {0, 1});
    Operand<TFloat32> mean = tf.math.mean(x, axes, Mean.keepDims(false));
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), axes, Mean.keepDims(false));
    Operand<TFloat32> eps = tf.constant(epsilon);
    Operand<TFloat32> normalizedTraining = normalize(tf, x, mean, variance, gamma, beta, eps);
    Operand<TFloat32> normalizedInference = normalize(tf, x, movingMean, movingVariance, gamma, beta, eps);

    Operand<TFloat32> count = tf.dtypes.cast(tf.math.div(tf.size(x), tf.constant(channels)), TFloat32.class);
    Operand<TFloat32> unbiased = tf.math.mul(variance,
        tf.math.div(count, tf.math.maximum(tf.math.sub(count, tf.constant(1f)), tf.constant(1f))));
    Operand<TFloat32> newWeight = tf.constant(momentum);
    Operand<TFloat32> keep = tf.constant(1f - momentum);
    context.updateWhileTraining(tf.assign(movingMean,
        tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(tf.stopGradient(mean), newWeight))));
    context.updateWhileTraining(tf.assign(movingVariance,
        tf.math.add(tf.math.mul(movingVariance, keep), tf.math.mul(tf.stopGradient(unbiased), newWeight))));
    return tf.select(context.training(), normalizedTraining, normalizedInference);
  }

  private static Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x, Operand<TFloat32> mean,
      Operand<TFloat32> variance, Operand<TFloat32> gamma, Operand<TFloat32> beta, Operand<TFloat32> epsilon) {
    Operand<TFloat32> inverse = tf.math.rsqrt(tf.math.add(variance, epsilon));
    return tf.math.add(tf.math.mul(tf.math.mul(tf.math.sub(x, mean), inverse), gamma), beta);
  }

  /** Exact GELU, {@code x * Phi(x)}, as PyTorch's {@code nn.GELU()}. */
  public static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> phi = tf.math.mul(tf.constant(0.5f),
        tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
    return tf.math.mul(x, phi);
  }
}
