package io.tsllm.spi;

import java.util.Map;

/**
 * One batch of an evaluation pass, host-side, batch-major and in the dataset's scaled units. Arrays may be longer
 * than {@code count} samples.
 *
 * @param inputs the input windows {@code [count, input_length, channels]}
 * @param predictions the head's predictions
 * @param targets the dataset's targets
 * @param outputs the head's named {@link HeadOutput#outputs() outputs}, by name
 * @param count samples in the batch
 */
public record EvaluationBatch(
    float[] inputs, float[] predictions, float[] targets, Map<String, float[]> outputs, int count) {

  public EvaluationBatch {
    outputs = Map.copyOf(outputs);
  }

  /** A batch without further outputs. */
  public static EvaluationBatch of(float[] inputs, float[] predictions, float[] targets, int count) {
    return new EvaluationBatch(inputs, predictions, targets, Map.of(), count);
  }

  /** A named output the head declared; fails clearly when the caller could not provide it. */
  public float[] output(String name) {
    float[] values = outputs.get(name);
    if (values == null) {
      throw new IllegalStateException("this evaluation has no '" + name + "' output (it has " + outputs.keySet()
          + "); the head's metrics need the training graph");
    }
    return values;
  }
}
