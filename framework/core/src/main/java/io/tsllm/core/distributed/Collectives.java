package io.tsllm.core.distributed;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Reductions of tensors across the workers of a cluster, inside the graph: TensorFlow's {@code CollectiveReduceV2}
 * (ring communication on CPUs), one op per tensor. Every worker builds the same ops in the same order, so their
 * instance keys match, and each run of an op exchanges that run's tensors. Every worker receives the same result,
 * bit for bit.
 */
public final class Collectives {

  private final Ops tf;
  private final int groupSize;
  private final int groupKey;
  private int nextInstance;

  /**
   * @param tf ops placed on this worker's CPU (or in a session restricted to it)
   * @param groupKey one per group of workers; instance keys follow from 1 in the order ops are built
   */
  public Collectives(Ops tf, int groupSize, int groupKey) {
    this.tf = tf;
    this.groupSize = groupSize;
    this.groupKey = groupKey;
    this.nextInstance = 1;
  }

  public int groupSize() {
    return groupSize;
  }

  /** The element-wise sum over the workers. */
  public <T extends TNumber> Operand<T> sum(Operand<T> tensor, float timeoutSeconds) {
    return reduce(tensor, "Add", "Id", timeoutSeconds);
  }

  /** The element-wise mean over the workers. */
  public <T extends TNumber> Operand<T> mean(Operand<T> tensor, float timeoutSeconds) {
    return reduce(tensor, "Add", "Div", timeoutSeconds);
  }

  public <T extends TNumber> Operand<T> min(Operand<T> tensor, float timeoutSeconds) {
    return reduce(tensor, "Min", "Id", timeoutSeconds);
  }

  public <T extends TNumber> Operand<T> max(Operand<T> tensor, float timeoutSeconds) {
    return reduce(tensor, "Max", "Id", timeoutSeconds);
  }

  /**
   * @param timeoutSeconds how long a worker waits for the others before the op fails (0: for ever); a worker that
   *     died or stopped then ends the others' runs with an error instead of a hang
   */
  private <T extends TNumber> Operand<T> reduce(Operand<T> tensor, String merge, String last, float timeoutSeconds) {
    Graph graph = (Graph) tf.scope().env();
    String name = tf.scope().makeOpName("Collective" + merge);
    Operation op = graph.opBuilder("CollectiveReduceV2", name, tf.scope())
        .addInput(tensor.asOutput())
        .addInput(tf.constant(groupSize).asOutput())
        .addInput(tf.constant(groupKey).asOutput())
        .addInput(tf.constant(nextInstance++).asOutput())
        .addInputList(new Output<?>[0])
        .setAttr("merge_op", merge)
        .setAttr("final_op", last)
        .setAttr("communication_hint", "ring")
        .setAttr("timeout_seconds", timeoutSeconds)
        .build();
    return op.output(0);
  }
}
