package io.tsllm.core.train;

import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Reusable host buffers for one batch of windows; the arrays are allocated once per pass, not per step. */
final class WindowBatch {

  private final WindowShape shape;
  final float[] inputs;
  final float[] targets;
  int count;
  /** The first window's index in the step's whole batch, when a worker takes a share of it. */
  int first;
  /** The step's windows on all workers together. */
  int total;

  WindowBatch(WindowShape shape, int capacity) {
    this.shape = shape;
    this.inputs = new float[capacity * shape.inputSize()];
    this.targets = new float[capacity * shape.targetSize()];
  }

  /**
   * Fills the batch with the {@code step}-th run of {@code size} windows along {@code indices}, starting over at
   * the beginning when the runs reach the end: the batches of benchmarks, which step more often than an epoch has
   * batches.
   */
  void fillCycling(WindowSplit split, int[] indices, int step, int size) {
    int from = (step * size) % Math.max(1, indices.length - size + 1);
    fill(split, indices, from, Math.min(size, indices.length - from));
  }

  /** Fills the batch with windows {@code indices[from, from + n)} of {@code split}. */
  void fill(WindowSplit split, int[] indices, int from, int n) {
    for (int i = 0; i < n; i++) {
      split.copyInput(indices[from + i], inputs, i * shape.inputSize());
      split.copyTarget(indices[from + i], targets, i * shape.targetSize());
    }
    count = n;
    first = 0;
    total = n;
  }

  /** Fills the batch with this worker's share of the windows {@code indices[from, from + shard.total())}. */
  void fillShard(WindowSplit split, int[] indices, int from, Replicas.Shard shard) {
    fill(split, indices, from + shard.first(), shard.size());
    first = shard.first();
    total = shard.total();
  }

  /** This batch's share of the step's windows. */
  float weight() {
    return total == 0 ? 0f : (float) count / total;
  }

  TFloat32 inputTensor() {
    return TFloat32.tensorOf(
        Shape.of(count, shape.inputLength(), shape.channels()),
        DataBuffers.of(inputs, true, false).narrow((long) count * shape.inputSize()));
  }

  TFloat32 targetTensor() {
    return TFloat32.tensorOf(
        Shape.of(count, shape.targetLength(), shape.targetChannels()),
        DataBuffers.of(targets, true, false).narrow((long) count * shape.targetSize()));
  }
}
