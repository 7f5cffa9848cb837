package io.tsllm.embedders.common;

import io.tsllm.spi.GraphContext;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Per-window, per-channel normalization to mean 0 and variance 1 (RevIN without affine weights, as GPT4TS and
 * Time-LLM do), over the observed values only when the head hid some; the statistics are kept to undo it at the
 * output.
 *
 * @param normalized the windows {@code [batch, length, channels]} normalized (hidden values 0)
 * @param mean {@code [batch, 1, channels]}
 * @param std {@code [batch, 1, channels]}
 */
public record InstanceNorm(Operand<TFloat32> normalized, Operand<TFloat32> mean, Operand<TFloat32> std) {

  /** Both GPT4TS and Time-LLM add this inside the square root of the variance. */
  public static final float EPSILON = 1e-5f;

  public static InstanceNorm of(GraphContext context, Operand<TFloat32> x) {
    Ops tf = context.tf();
    Operand<TInt32> timeAxis = tf.constant(new int[] {1});
    Optional<Operand<TFloat32>> observed = context.observed();
    if (observed.isEmpty()) {
      Operand<TFloat32> mean = tf.stopGradient(tf.math.mean(x, timeAxis, Mean.keepDims(true)));
      Operand<TFloat32> centered = tf.math.sub(x, mean);
      Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), timeAxis, Mean.keepDims(true));
      Operand<TFloat32> std = tf.stopGradient(tf.math.sqrt(tf.math.add(variance, tf.constant(EPSILON))));
      return new InstanceNorm(tf.math.div(centered, std), mean, std);
    }
    // Statistics of the observed values only; hidden values stay 0 after normalization (GPT4TS imputation).
    Operand<TFloat32> m = observed.get();
    Operand<TFloat32> observedSteps =
        tf.math.maximum(tf.reduceSum(m, timeAxis, ReduceSum.keepDims(true)), tf.constant(1f));
    Operand<TFloat32> mean = tf.stopGradient(
        tf.math.div(tf.reduceSum(tf.math.mul(x, m), timeAxis, ReduceSum.keepDims(true)), observedSteps));
    Operand<TFloat32> centered = tf.math.mul(tf.math.sub(x, mean), m);
    Operand<TFloat32> variance =
        tf.math.div(tf.reduceSum(tf.math.square(centered), timeAxis, ReduceSum.keepDims(true)), observedSteps);
    Operand<TFloat32> std = tf.stopGradient(tf.math.sqrt(tf.math.add(variance, tf.constant(EPSILON))));
    return new InstanceNorm(tf.math.div(centered, std), mean, std);
  }
}
