package io.tsllm.embedders.common;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Overlapping patches of each channel, as GPT4TS and Time-LLM cut them: channel independence (each channel its own
 * sequence), then {@code count} patches of {@code length} steps every {@code stride} steps; indices past the end
 * repeat the last step, which is the replication padding both papers apply.
 */
public final class Patches {

  private Patches() {}

  /** Windows {@code [batch, inputLength, channels]} to patches {@code [batch * channels, count, length]}. */
  public static Operand<TFloat32> cut(Ops tf, Operand<TFloat32> x, int inputLength, int length, int stride,
      int count) {
    Operand<TFloat32> perChannel = perChannel(tf, x, inputLength);
    int[][] indices = new int[count][length];
    for (int p = 0; p < count; p++) {
      for (int j = 0; j < length; j++) {
        indices[p][j] = Math.min(p * stride + j, inputLength - 1);
      }
    }
    return tf.gather(perChannel, tf.constant(indices), tf.constant(1));
  }

  /** Windows {@code [batch, length, channels]} to one sequence per channel, {@code [batch * channels, length]}. */
  public static Operand<TFloat32> perChannel(Ops tf, Operand<TFloat32> x, int length) {
    return tf.reshape(tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1})), tf.constant(new int[] {-1, length}));
  }
}
