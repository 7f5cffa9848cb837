package io.tsllm.graph;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt64;

/**
 * The per-step inputs every model graph has besides data: whether a training step runs, whether the task's random
 * protocol masks apply, and the seed of this step's random draws. All default to export values, so a served model
 * feeds none of them.
 *
 * @param training true during a training step
 * @param protocolMasks true in training steps and evaluation passes over the framework's own data
 * @param stepSeed a {@code [2]} int64 seed; the trainer feeds {@code [run seed, step]} so masks are reproducible
 *     and a resumed run draws the same masks as an uninterrupted one; evaluation passes feed one per batch
 */
public record GraphInputs(Operand<TBool> training, Operand<TBool> protocolMasks, Operand<TInt64> stepSeed) {

  public static GraphInputs create(Ops tf) {
    Operand<TBool> training = tf.withName("training").placeholderWithDefault(tf.constant(false), Shape.scalar());
    Operand<TBool> protocolMasks =
        tf.withName("protocol_masks").placeholderWithDefault(tf.constant(false), Shape.scalar());
    Operand<TInt64> stepSeed =
        tf.withName("step_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));
    return new GraphInputs(training, protocolMasks, stepSeed);
  }
}
