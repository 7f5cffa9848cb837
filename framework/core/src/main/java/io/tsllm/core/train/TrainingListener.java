package io.tsllm.core.train;

import io.tsllm.spi.EvaluationBatch;
import java.util.List;
import org.tensorflow.Session;

/** Observes a training run: the console, TensorBoard, machine-readable logs, reports and exports hook in here. */
public interface TrainingListener {

  default void onStep(int epoch, long step, double loss, double learningRate) {}

  /** @param step the global step at the end of the epoch */
  default void onEpoch(EpochRecord record, double learningRate, long step) {}

  /**
   * One batch of the final test pass (best weights), with the head's further outputs, in the dataset's scaled
   * units, batch-major; arrays may be longer than {@code count} samples.
   */
  default void onTestBatch(EvaluationBatch batch) {}

  /** Runs in the session once the best weights were tested. */
  default void afterTest(Session session, TrainingOutcome outcome) {}

  /** Combines listeners; each hears every event, in order. */
  static TrainingListener all(List<TrainingListener> listeners) {
    return new TrainingListener() {
      @Override
      public void onStep(int epoch, long step, double loss, double learningRate) {
        listeners.forEach(l -> l.onStep(epoch, step, loss, learningRate));
      }

      @Override
      public void onEpoch(EpochRecord record, double learningRate, long step) {
        listeners.forEach(l -> l.onEpoch(record, learningRate, step));
      }

      @Override
      public void onTestBatch(EvaluationBatch batch) {
        listeners.forEach(l -> l.onTestBatch(batch));
      }

      @Override
      public void afterTest(Session session, TrainingOutcome outcome) {
        listeners.forEach(l -> l.afterTest(session, outcome));
      }
    };
  }
}
