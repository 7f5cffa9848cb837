package io.tsllm.heads.common;

import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
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

  /**
   * The pooled features projected linearly to {@code outputs} values ({@code out_layer}, PyTorch's default
   * initialization): the pooled heads' output layer.
   *
   * @return {@code [batch, outputs]}
   */
  public static Operand<TFloat32> linear(GraphContext context, FeatureTokens tokens, Operand<TFloat32> hidden,
      String pooling, float dropout, int outputs) {
    int features = features(context, tokens);
    Operand<TFloat32> flat = pool(context, tokens, hidden, pooling, dropout);
    float limit = (float) (1 / Math.sqrt(features));
    var weight = context.parameter("out_layer.weight", ParameterRole.HEAD, Shape.of(features, outputs),
        Initializers.uniform(limit));
    var bias = context.parameter("out_layer.bias", ParameterRole.HEAD, Shape.of(outputs),
        Initializers.uniform(limit));
    return context.tf().math.add(context.tf().linalg.matMul(flat, weight), bias);
  }

  /** Features per sample: the token width times the sample's sequences. */
  public static int features(GraphContext context, FeatureTokens tokens) {
    return context.windowShape().channels() / tokens.channelsPerSequence() * tokens.width();
  }
}
