package io.tsllm.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The adapter merges declared while building one graph, and the single op that performs them all. */
public final class AdapterMerges {

  private record Merge(Variable<TFloat32> base, Operand<TFloat32> delta, Variable<TFloat32> reset) {}

  private final List<Merge> merges = new ArrayList<>();

  void add(Variable<TFloat32> base, Operand<TFloat32> delta, Variable<TFloat32> reset) {
    merges.add(new Merge(base, delta, reset));
  }

  public boolean isEmpty() {
    return merges.isEmpty();
  }

  /**
   * One op that adds every delta to its base and only then zeroes the adapters, so no delta is computed from an
   * adapter that was already reset.
   */
  public Optional<Op> build(Ops tf) {
    if (merges.isEmpty()) {
      return Optional.empty();
    }
    List<Op> folded = new ArrayList<>();
    for (Merge merge : merges) {
      folded.add(tf.assignAdd(merge.base(), merge.delta()));
    }
    Ops after = tf.withControlDependencies(folded);
    List<Op> resets = new ArrayList<>();
    for (Merge merge : merges) {
      resets.add(after.assign(merge.reset(), after.zerosLike(merge.reset())));
    }
    return Optional.of(tf.withControlDependencies(resets).withName("merge_adapters").noOp());
  }
}
