package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.types.TFloat32;

/**
 * Batched matrix products as TensorFlow's {@code BatchMatMulV2}, which the oneDNN graph rewrite runs as
 * {@code _MklBatchMatMulV2}. TF Java's {@code tf.train.batchMatMul} builds {@code BatchMatMulV3}, which the rewrite
 * leaves to Eigen's slower kernel (attention's products took a fifth of small models' training steps there).
 */
public final class BatchedMatMul {

  private BatchedMatMul() {}

  /** {@code a @ b} over the last two axes, the leading ones broadcast. */
  public static Operand<TFloat32> of(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return build(tf, a, b, false);
  }

  /** {@code a @ b^T} over the last two axes, the leading ones broadcast. */
  public static Operand<TFloat32> timesTransposed(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return build(tf, a, b, true);
  }

  /**
   * Attention scores {@code scale * q @ k^T}, the scale applied to whichever operand is smaller: to {@code q}
   * ({@code [.., queries, head_dim]}) when head_dim is shorter than the number of keys, else to the scores
   * ({@code [.., queries, keys]}). The same product with fewer multiplications, and one pass fewer over the scores
   * in each direction when heads are narrow.
   */
  public static Operand<TFloat32> scaledScores(Ops tf, Operand<TFloat32> q, Operand<TFloat32> k, float scale) {
    int rank = q.shape().numDimensions();
    long headDim = q.shape().get(rank - 1);
    long keys = k.shape().get(rank - 2);
    Operand<TFloat32> factor = tf.constant(scale);
    return headDim > 0 && keys > 0 && headDim < keys
        ? timesTransposed(tf, tf.math.mul(q, factor), k)
        : tf.math.mul(timesTransposed(tf, q, k), factor);
  }

  private static Operand<TFloat32> build(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, boolean adjY) {
    Scope scope = tf.scope();
    return scope.opBuilder("BatchMatMulV2", "BatchMatMulV2")
        .addInput(a.asOutput())
        .addInput(b.asOutput())
        .setAttr("adj_x", false)
        .setAttr("adj_y", adjY)
        .build()
        .<TFloat32>output(0);
  }
}
