package io.tsllm.core.train;

import io.tsllm.core.model.HostInputTensors;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.WindowSplit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Runs the model over every window of a split, in order, last partial batch included. Random protocol masks
 * (imputation) are drawn from a seed per batch that does not depend on the run's seed, so every run of a task is
 * scored on the same masks.
 */
final class Evaluation {

  /** The first half of every evaluation batch's seed; the second is the batch's first window. */
  static final long EVALUATION_SEED = 0x5eedL;

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
    Map<String, float[]> outputs = new LinkedHashMap<>();
    model.outputSizes().forEach((name, values) -> outputs.put(name, new float[batchSize * values]));
    double lossSum = 0;
    for (int start = 0; start < size; start += batchSize) {
      int n = Math.min(batchSize, size - start);
      batch.fill(split, order, start, n);
      try (TFloat32 x = batch.inputTensor();
          TFloat32 y = batch.targetTensor();
          TBool masks = TBool.scalarOf(true);
          TInt64 seed = TInt64.vectorOf(EVALUATION_SEED, start)) {
        Session.Runner runner = session.runner()
            .feed(model.series(), x)
            .feed(model.target(), y)
            .feed(model.inputs().protocolMasks(), masks)
            .feed(model.inputs().stepSeed(), seed)
            .fetch(model.prediction())
            .fetch(model.loss());
        for (Operand<TFloat32> output : model.outputs().values()) {
          runner.fetch(output);
        }
        try (HostInputTensors host = HostInputTensors.feed(model.hostFeeds(), runner, batch.inputs, n);
            Result result = runner.run()) {
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(predictions, false, false));
          lossSum += ((TFloat32) result.get(1)).getFloat() * (double) n;
          int index = 2;
          for (float[] values : outputs.values()) {
            ((TFloat32) result.get(index++)).copyTo(DataBuffers.of(values, false, false));
          }
        }
      }
      EvaluationBatch evaluated = new EvaluationBatch(batch.inputs, predictions, batch.targets, outputs, n);
      evaluator.add(evaluated);
      if (listener != null) {
        listener.onTestBatch(evaluated);
      }
    }
    return new SplitScore(lossSum / size, evaluator.metrics());
  }
}
