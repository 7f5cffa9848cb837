package io.tsllm.spi;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a head adds to the graph; its outputs are the ones its {@link HeadContract} declares.
 *
 * @param prediction the model's output for a batch {@code [batch, ...]} (a forecast, class probabilities, a
 *     reconstruction), with a static shape after the batch axis
 * @param loss the scalar training loss, averaged over the batch
 * @param outputs further per-sample outputs {@code [batch, ...]} by name (an anomaly score per step, an imputation
 *     mask): fetched in evaluation passes for the evaluator and the run's plots, and exported beside the prediction
 */
public record HeadOutput(Operand<TFloat32> prediction, Operand<TFloat32> loss, Map<String, Operand<TFloat32>> outputs) {

  public HeadOutput {
    outputs = Map.copyOf(outputs);
  }

  public HeadOutput(Operand<TFloat32> prediction, Operand<TFloat32> loss) {
    this(prediction, loss, Map.of());
  }
}
