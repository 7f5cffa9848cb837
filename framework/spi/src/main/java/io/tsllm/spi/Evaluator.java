package io.tsllm.spi;

import java.util.Map;

/**
 * Accumulates a task's metrics over all batches of a split. Arrays are batch-major, laid out as
 * {@link WindowShape} says; values are in the dataset's scaled units.
 */
public interface Evaluator {

  /** Adds a batch: inputs, predictions, targets and the head's further outputs. */
  void add(EvaluationBatch batch);

  /**
   * The metrics over everything added, by name. Names are stable: they become keys of a run's metrics file. A
   * head declares them, with the baselines scored beside the model (keys {@code <baseline prefix><metric>}), in
   * its {@link HeadContract}.
   */
  Map<String, Double> metrics();
}
