package io.tsllm.embedders.common;

import io.tsllm.spi.FeatureTokens;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Tokens of {@code batch * channels} sequences (channel independence); outputs go back to
 * {@code [batch, steps, channels]}, de-normalized with the instance statistics when there are any.
 *
 * @param mean null when the windows were not normalized
 * @param prefixCount leading tokens that carry context, not the series (Time-LLM's prompt)
 */
public record ChannelTokens(Operand<TFloat32> tokens, int count, int width, int channels, Operand<TFloat32> mean,
    Operand<TFloat32> std, int prefixCount) implements FeatureTokens {

  @Override
  public int channelsPerSequence() {
    return 1;
  }

  @Override
  public Operand<TFloat32> toSeries(Ops tf, Operand<TFloat32> perSequence) {
    int steps = (int) perSequence.shape().get(1);  // one channel per sequence
    Operand<TFloat32> grouped = tf.reshape(perSequence, tf.constant(new int[] {-1, channels, steps}));
    Operand<TFloat32> series = tf.linalg.transpose(grouped, tf.constant(new int[] {0, 2, 1}));
    if (mean == null) {
      return series;
    }
    return tf.math.add(tf.math.mul(series, std), mean);
  }
}
