package io.tsllm.core.train;

import org.tensorflow.Session;

/** Observes a training run: the console, TensorBoard, machine-readable logs and exports hook in here. */
public interface TrainingListener {

  default void onStep(int epoch, long step, double loss, double learningRate) {}

  default void onEpoch(EpochRecord record, double learningRate) {}

  /** Runs in the session once the best weights were tested. */
  default void afterTest(Session session, TrainingOutcome outcome) {}
}
