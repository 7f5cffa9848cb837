package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

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
    // TensorFlow's fused kernel on [rows, 1, 1, channels] (NHWC): one pass forward and one backward, where the
    // same arithmetic as separate ops took about a dozen passes over the batch.
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, 1, 1, channels}));
    Operand<TFloat32> none = tf.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> batch = tf.nn.fusedBatchNorm(rows, gamma, beta, none, none,
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(true));
    // The moving statistics normalize outside training. That pass runs in training steps too (a graph computes
    // both branches of a select), so it is kept out of the gradient.
    FusedBatchNorm<TFloat32, TFloat32> moving = tf.nn.fusedBatchNorm(rows, gamma, beta, movingMean, movingVariance,
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false));
    // batchVariance is the unbiased (n / (n - 1)) variance, as PyTorch keeps in running_var.
    Operand<TFloat32> newWeight = tf.constant(momentum);
    Operand<TFloat32> keep = tf.constant(1f - momentum);
    context.updateWhileTraining(tf.assign(movingMean,
        tf.math.add(tf.math.mul(movingMean, keep), tf.math.mul(tf.stopGradient(batch.batchMean()), newWeight))));
    context.updateWhileTraining(tf.assign(movingVariance, tf.math.add(tf.math.mul(movingVariance, keep),
        tf.math.mul(tf.stopGradient(batch.batchVariance()), newWeight))));
    Operand<TFloat32> normalized = tf.select(context.training(), batch.y(), tf.stopGradient(moving.y()));
    return tf.reshape(normalized, tf.shape(x));
  }

  /** Exact GELU, {@code x * Phi(x)}, as PyTorch's {@code nn.GELU()}. */
  public static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> phi = tf.math.mul(tf.constant(0.5f),
        tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
    return tf.math.mul(x, phi);
  }
}
