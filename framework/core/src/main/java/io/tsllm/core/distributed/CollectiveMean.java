package io.tsllm.core.distributed;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The mean of tensors across the workers of a cluster, inside the graph: TensorFlow's {@code CollectiveReduceV2}
 * (sum, then divided by the group's size; ring communication on CPUs), one op per tensor. Every worker builds the
 * same ops with the same keys, and each run of them exchanges the tensors of that run.
 */
public final class CollectiveMean {

  private final Ops tf;
  private final int groupSize;
  private final int groupKey;
  private int nextInstance;

  /**
   * @param tf ops placed on this worker's CPU ({@link ClusterSpec#cpu})
   * @param groupKey one per group of workers; instance keys follow from 1 in the order ops are built
   */
  public CollectiveMean(Ops tf, int groupSize, int groupKey) {
    this.tf = tf;
    this.groupSize = groupSize;
    this.groupKey = groupKey;
    this.nextInstance = 1;
  }

  /** Each tensor's mean across the workers, in order. */
  public List<Operand<TFloat32>> mean(List<Operand<TFloat32>> tensors) {
    List<Operand<TFloat32>> means = new ArrayList<>();
    for (Operand<TFloat32> tensor : tensors) {
      means.add(mean(tensor));
    }
    return means;
  }

  public Operand<TFloat32> mean(Operand<TFloat32> tensor) {
    Graph graph = (Graph) tf.scope().env();
    String name = tf.scope().makeOpName("CollectiveMean");
    Operation op = graph.opBuilder("CollectiveReduceV2", name, tf.scope())
        .addInput(tensor.asOutput())
        .addInput(tf.constant(groupSize).asOutput())
        .addInput(tf.constant(groupKey).asOutput())
        .addInput(tf.constant(nextInstance++).asOutput())
        .addInputList(new org.tensorflow.Output<?>[0])
        .setAttr("merge_op", "Add")
        .setAttr("final_op", "Div")
        .setAttr("communication_hint", "ring")
        .build();
    return op.output(0);
  }
}
