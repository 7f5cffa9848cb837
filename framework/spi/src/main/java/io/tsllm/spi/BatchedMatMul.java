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
