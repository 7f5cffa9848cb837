package io.tsllm.spi;

import java.util.Map;

/**
 * Accumulates a task's metrics over all batches of a split. Arrays are batch-major, laid out as
 * {@link WindowShape} says; values are in the dataset's scaled units.
 */
public interface Evaluator {

  /** Adds {@code count} samples. */
  void add(float[] inputs, float[] predictions, float[] targets, int count);

  /** Adds a batch; evaluators that need the head's further outputs override this one. */
  default void add(EvaluationBatch batch) {
    add(batch.inputs(), batch.predictions(), batch.targets(), batch.count());
  }

  /**
   * The metrics over everything added, by name. Names are stable: they become keys of a run's metrics file.
   * A task may report a trivial baseline beside its own metrics (prefixed {@code naive_}) so every run shows what
   * it must beat.
   */
  Map<String, Double> metrics();
}
