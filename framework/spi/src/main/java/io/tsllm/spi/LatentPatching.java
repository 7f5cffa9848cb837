package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How tokens were made by latent patching of one feature sequence per sample (SeisMoLLM): {@code patchLength}
 * consecutive steps of {@code featureChannels} features flattened channel-major into one token, {@code [batch,
 * steps, C] -> [batch, count, C x patch]}. Heads that decode the feature sequence itself rather than pooled tokens
 * undo it with {@link #unpatch} on the backbone's output.
 *
 * @param featureChannels features per step of the sequence ({@code C})
 * @param patchLength steps per token ({@code P}); {@code C x P} is the token width
 */
public record LatentPatching(int featureChannels, int patchLength) {

  public LatentPatching {
    if (featureChannels < 1 || patchLength < 1) {
      throw new IllegalArgumentException("feature channels and patch length must be >= 1, got " + featureChannels
          + " and " + patchLength);
    }
  }

  /**
   * The inverse of latent patching: {@code hidden [batch, count, C x P]} (channel-major tokens) back to the feature
   * sequence {@code [batch, count x P, C]}, as SeisMoLLM's {@code rearrange('b n (c p) -> b c (n p)')} does (steps
   * before channels here, the framework's layout).
   */
  public Operand<TFloat32> unpatch(Ops tf, Operand<TFloat32> hidden, int count) {
    Operand<TFloat32> split = tf.reshape(hidden, tf.constant(new int[] {-1, count, featureChannels, patchLength}));
    Operand<TFloat32> stepsFirst = tf.linalg.transpose(split, tf.constant(new int[] {0, 1, 3, 2}));
    return tf.reshape(stepsFirst, tf.constant(new int[] {-1, count * patchLength, featureChannels}));
  }

  /** Steps of the un-patched sequence for {@code count} tokens. */
  public int steps(int count) {
    return count * patchLength;
  }
}
