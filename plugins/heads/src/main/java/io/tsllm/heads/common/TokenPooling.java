package io.tsllm.heads.common;

import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Pools each sequence's hidden states (their mean over tokens, or the last token) and concatenates the sequences
 * of one sample (its channels, under channel independence), with dropout: the features of the per-window heads.
 */
public final class TokenPooling {

  public static final List<String> POOLINGS = List.of("mean", "last");

  private TokenPooling() {}

  /** @return {@code [batch, features(...)]} */
  public static Operand<TFloat32> pool(GraphContext context, FeatureTokens tokens, Operand<TFloat32> hidden,
      String pooling, float dropout) {
    Ops tf = context.tf();
    int width = tokens.width();
    Operand<TFloat32> pooled = "last".equals(pooling)
        ? tf.reshape(tf.slice(hidden, tf.constant(new int[] {0, tokens.count() - 1, 0}),
            tf.constant(new int[] {-1, 1, width})), tf.constant(new int[] {-1, width}))
        : tf.math.mean(hidden, tf.constant(new int[] {1}), Mean.keepDims(false));
    return context.dropout(tf.reshape(pooled, tf.constant(new int[] {-1, features(context, tokens)})), dropout);
  }

  /** Features per sample: the token width times the sample's sequences. */
  public static int features(GraphContext context, FeatureTokens tokens) {
    return context.windowShape().channels() / tokens.channelsPerSequence() * tokens.width();
  }
}
