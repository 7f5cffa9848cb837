package io.tsllm.core.train;

import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.WindowSplit;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Runs the model over every window of a split, in order, last partial batch included. */
final class Evaluation {

  private Evaluation() {}

  static SplitScore run(Session session, ModelGraph model, WindowSplit split, Evaluator evaluator, int batchSize) {
    return run(session, model, split, evaluator, batchSize, null);
  }

  /** @param listener hears every batch, when not null */
  static SplitScore run(Session session, ModelGraph model, WindowSplit split, Evaluator evaluator, int batchSize,
      TrainingListener listener) {
    int size = split.size();
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    WindowBatch batch = new WindowBatch(model.shape(), batchSize);
    float[] predictions = new float[batchSize * model.predictionSize()];
    double lossSum = 0;
    for (int start = 0; start < size; start += batchSize) {
      int n = Math.min(batchSize, size - start);
      batch.fill(split, order, start, n);
      try (TFloat32 x = batch.inputTensor();
          TFloat32 y = batch.targetTensor();
          Result result = session.runner()
              .feed(model.series(), x)
              .feed(model.target(), y)
              .fetch(model.prediction())
              .fetch(model.loss())
              .run()) {
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(predictions, false, false));
        lossSum += ((TFloat32) result.get(1)).getFloat() * (double) n;
      }
      evaluator.add(batch.inputs, predictions, batch.targets, n);
      if (listener != null) {
        listener.onTestBatch(batch.inputs, predictions, batch.targets, n);
      }
    }
    return new SplitScore(lossSum / size, evaluator.metrics());
  }
}
