package io.tsllm.core.train;

import io.tsllm.core.distributed.Collectives;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The ops that keep the workers of one distributed training in step, each a {@code CollectiveReduceV2} over all
 * workers ({@link Collectives}):
 *
 * <ul>
 *   <li>the gradient exchange: each worker's gradients of its shard's mean loss, weighted by its share of the step's
 *       windows, summed across workers, which is the gradient of the whole batch's mean loss; the many tensors are
 *       flattened into a few packs of up to {@link #PACK_FLOATS} floats, one collective each, with the weighted
 *       losses and the workers' stop requests riding at the end of the last one;
 *   <li>the start: every variable (weights, optimizer slots, the scaler) set to the chief's values, so that a run
 *       resumed by the chief resumes on every worker, and the chief's position in training;
 *   <li>the chief's word after each epoch (its validation decides whether training goes on);
 *   <li>the fingerprints of each worker's setup, compared before anything runs.
 * </ul>
 *
 * A chief's contribution to a broadcast is its own value and every other worker's is zero, so the sum is the
 * chief's value on every worker.
 */
record ReplicaGraph(
    Placeholder<TFloat32> shardWeight,
    Placeholder<TFloat32> stopRequest,
    Operand<TFloat32> loss,
    Operand<TFloat32> stopRequests,
    Op broadcastVariables,
    Placeholder<TFloat64> position,
    Operand<TFloat64> chiefPosition,
    Placeholder<TFloat64> fingerprint,
    Operand<TFloat64> fingerprintLow,
    Operand<TFloat64> fingerprintHigh) {

  /** Floats in one collective at most: 64 MB, as Horovod's default fusion buffer. */
  static final int PACK_FLOATS = 16 << 20;
  /** The chief's position: epoch, step in epoch, global step, the epoch's loss sum so far, done. */
  static final int POSITION_SIZE = 5;
  /** How long a step's exchange waits for the other workers before it fails. */
  static final float STEP_TIMEOUT_SECONDS = 600;
  /** How long the workers wait for the chief's validation pass (and its checkpoints) after each epoch. */
  static final float EPOCH_TIMEOUT_SECONDS = 4 * 3600;

  /** The summed gradients and what rides with them; built before the optimizer, which applies {@code gradients}. */
  record Exchange(List<Operand<TFloat32>> gradients, Placeholder<TFloat32> shardWeight,
      Placeholder<TFloat32> stopRequest, Operand<TFloat32> loss, Operand<TFloat32> stopRequests) {}

  /** @param shapes the gradients' shapes: their variables' */
  static Exchange exchange(Ops tf, Collectives collectives, List<Operand<TFloat32>> gradients, List<Shape> shapes,
      Operand<TFloat32> loss) {
    Placeholder<TFloat32> weight =
        tf.withName("shard_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TFloat32> stop =
        tf.withName("stop_request").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Operand<TFloat32>> weighted = new ArrayList<>();
    for (Operand<TFloat32> gradient : gradients) {
      // MulNoNan: a worker whose shard is empty contributes zeros, not its NaN mean.
      weighted.add(tf.math.mulNoNan(gradient, weight));
    }
    Operand<TFloat32> extras = tf.stack(List.of(tf.math.mulNoNan(loss, weight), stop));
    List<Operand<TFloat32>> summed = sumPacked(tf, collectives, weighted, shapes, extras, STEP_TIMEOUT_SECONDS);
    Operand<TFloat32> summedExtras = summed.remove(summed.size() - 1);
    return new Exchange(summed, weight, stop,
        tf.gather(summedExtras, tf.constant(0), tf.constant(0)),
        tf.gather(summedExtras, tf.constant(1), tf.constant(0)));
  }

  /** The rest of the ops, built after the optimizer so that its slots are among the variables broadcast. */
  static ReplicaGraph build(Ops tf, Graph graph, Collectives collectives, boolean chief, Exchange exchange) {
    List<Output<TFloat32>> variables = floatVariables(graph);
    List<Operand<TFloat32>> contributions = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (Output<TFloat32> variable : variables) {
      contributions.add(chief ? tf.identity(variable) : tf.zerosLike(variable));
      shapes.add(variable.shape());
    }
    List<Operand<TFloat32>> chiefValues =
        sumPacked(tf, collectives, contributions, shapes, tf.constant(new float[0]), STEP_TIMEOUT_SECONDS);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      assigns.add(tf.assign(variables.get(i), chiefValues.get(i)));
    }
    Op broadcast = tf.withName("broadcast_variables").withControlDependencies(assigns).noOp();
    Placeholder<TFloat64> position =
        tf.withName("position").placeholder(TFloat64.class, Placeholder.shape(Shape.of(POSITION_SIZE)));
    Operand<TFloat64> chiefPosition = collectives.sum(chief ? tf.identity(position) : tf.zerosLike(position),
        EPOCH_TIMEOUT_SECONDS);
    Placeholder<TFloat64> fingerprint =
        tf.withName("fingerprint").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1)));
    return new ReplicaGraph(exchange.shardWeight(), exchange.stopRequest(), exchange.loss(),
        exchange.stopRequests(), broadcast, position, chiefPosition, fingerprint,
        collectives.min(fingerprint, STEP_TIMEOUT_SECONDS), collectives.max(fingerprint, STEP_TIMEOUT_SECONDS));
  }

  /**
   * Each tensor summed across workers, in order, then {@code extras} summed: the tensors flattened into packs of
   * at most {@link #PACK_FLOATS} floats (one tensor larger than that is a pack of its own), {@code extras} at the
   * end of the last pack.
   */
  private static List<Operand<TFloat32>> sumPacked(Ops tf, Collectives collectives, List<Operand<TFloat32>> tensors,
      List<Shape> shapes, Operand<TFloat32> extras, float timeout) {
    List<List<Integer>> packs = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long floats = 0;
    for (int i = 0; i < tensors.size(); i++) {
      long size = shapes.get(i).size();
      if (size < 0) {
        throw new IllegalStateException("a tensor of unknown shape cannot be exchanged: " + tensors.get(i));
      }
      if (!current.isEmpty() && floats + size > PACK_FLOATS) {
        packs.add(current);
        current = new ArrayList<>();
        floats = 0;
      }
      current.add(i);
      floats += size;
    }
    packs.add(current);
    List<Operand<TFloat32>> out = new ArrayList<>();
    Operand<TFloat32> summedExtras = null;
    for (int p = 0; p < packs.size(); p++) {
      boolean last = p == packs.size() - 1;
      List<Operand<TFloat32>> flat = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (int i : packs.get(p)) {
        flat.add(tf.reshape(tensors.get(i), tf.constant(new int[] {-1})));
        sizes.add((int) shapes.get(i).size());
      }
      if (last) {
        flat.add(extras);
        sizes.add((int) extras.shape().size());
      }
      Operand<TFloat32> packed = flat.size() == 1 ? flat.get(0) : tf.concat(flat, tf.constant(0));
      Operand<TFloat32> summed = collectives.sum(packed, timeout);
      int[] lengths = sizes.stream().mapToInt(Integer::intValue).toArray();
      List<Output<TFloat32>> parts = flat.size() == 1 ? List.of(summed.asOutput())
          : tf.splitV(summed, tf.constant(lengths), tf.constant(0), (long) lengths.length).output();
      List<Integer> indices = packs.get(p);
      for (int k = 0; k < indices.size(); k++) {
        out.add(tf.reshape(parts.get(k), tf.constant(shapes.get(indices.get(k)).asArray())));
      }
      if (last) {
        summedExtras = parts.get(parts.size() - 1);
      }
    }
    out.add(summedExtras);
    return out;
  }

  /** Every variable of the graph, in the graph's order (the same on every worker); all must be float32. */
  @SuppressWarnings("unchecked")
  private static List<Output<TFloat32>> floatVariables(Graph graph) {
    List<Output<TFloat32>> variables = new ArrayList<>();
    java.util.Iterator<GraphOperation> operations = graph.operations();
    while (operations.hasNext()) {
      Operation operation = operations.next();
      if (!operation.type().equals("VariableV2")) {
        continue;
      }
      DataType type = operation.output(0).dataType();
      if (type != DataType.DT_FLOAT && type != DataType.DT_FLOAT_REF) {
        throw new IllegalStateException("variable " + operation.name() + " is " + type
            + "; only float32 variables can be broadcast to the workers");
      }
      variables.add((Output<TFloat32>) (Output<?>) operation.output(0));
    }
    return variables;
  }
}
