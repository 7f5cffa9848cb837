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
    Ops tf = context.tf();
    int outputs = steps * tokens.channelsPerSequence();
    int flatWidth = tokens.count() * tokens.width();
    Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, flatWidth}));
    flat = context.dropout(flat, dropout);
    float limit = (float) (1 / Math.sqrt(flatWidth));
    var weight = context.parameter(
        "out_layer.weight", ParameterRole.HEAD, Shape.of(flatWidth, outputs), Initializers.uniform(limit));
    var bias = context.parameter("out_layer.bias", ParameterRole.HEAD, Shape.of(outputs), Initializers.uniform(limit));
    return tokens.toSeries(tf, tf.math.add(tf.linalg.matMul(flat, weight), bias));
  }
}
