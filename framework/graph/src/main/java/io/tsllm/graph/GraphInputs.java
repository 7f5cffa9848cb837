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
 * @param windows {@code [first, count]}: the fed batch is windows {@code [first, first + count)} of the step's whole
 *     batch, so that its random draws are those windows' draws in the whole batch; {@code [0, count]} (the default
 *     {@code [0, 1]} means the same) unless a distributed training step splits the batch across workers
 */
public record GraphInputs(Operand<TBool> training, Operand<TBool> protocolMasks, Operand<TInt64> stepSeed,
    Operand<TInt64> windows) {

  public static GraphInputs create(Ops tf) {
    Operand<TBool> training = tf.withName("training").placeholderWithDefault(tf.constant(false), Shape.scalar());
    Operand<TBool> protocolMasks =
        tf.withName("protocol_masks").placeholderWithDefault(tf.constant(false), Shape.scalar());
    Operand<TInt64> stepSeed =
        tf.withName("step_seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));
    Operand<TInt64> windows =
        tf.withName("batch_windows").placeholderWithDefault(tf.constant(new long[] {0, 1}), Shape.of(2));
    return new GraphInputs(training, protocolMasks, stepSeed, windows);
  }
}
