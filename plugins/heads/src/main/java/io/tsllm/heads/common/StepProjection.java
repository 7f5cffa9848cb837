package io.tsllm.heads.common;

import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * GPT4TS's output layer for series-shaped tasks: each sequence's hidden states flattened, dropped out and projected
 * linearly to {@code steps} values per channel, then mapped back to {@code [batch, steps, channels]} in the input's
 * units through the embedder's {@link FeatureTokens#toSeries}.
 */
public final class StepProjection {

  private StepProjection() {}

  public static Operand<TFloat32> project(GraphContext context, FeatureTokens tokens, Operand<TFloat32> hidden,
      int steps, float dropout) {
    return project(context, tokens, hidden, steps, dropout, tokens.width());
  }

  /**
   * As Time-LLM's {@code FlattenHead}: only the tokens after the embedder's prefix (its prompt), and of each only
   * the first {@code features} hidden features (Time-LLM's {@code d_ff}).
   */
  public static Operand<TFloat32> project(GraphContext context, FeatureTokens tokens, Operand<TFloat32> hidden,
      int steps, float dropout, int features) {
    Ops tf = context.tf();
    int outputs = steps * tokens.channelsPerSequence();
    int prefix = tokens.prefixCount();
    int count = tokens.count() - prefix;
    if (prefix > 0 || features < tokens.width()) {
      hidden = tf.slice(hidden, tf.constant(new int[] {0, prefix, 0}), tf.constant(new int[] {-1, count, features}));
    }
    int flatWidth = count * features;
    Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, flatWidth}));
    flat = context.dropout(flat, dropout);
    float limit = (float) (1 / Math.sqrt(flatWidth));
    var weight = context.parameter(
        "out_layer.weight", ParameterRole.HEAD, Shape.of(flatWidth, outputs), Initializers.uniform(limit));
    var bias = context.parameter("out_layer.bias", ParameterRole.HEAD, Shape.of(outputs), Initializers.uniform(limit));
    return tokens.toSeries(tf, tf.nn.biasAdd(tf.linalg.matMul(flat, weight), bias));
  }
}
