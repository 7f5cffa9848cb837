package io.tsllm.backbones.patchtst;

import io.tsllm.backbones.common.LayerNorm;
import io.tsllm.spi.BatchNorm;
import io.tsllm.spi.BatchedMatMul;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializer;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The encoder's graph, layer by layer as PatchTST's code computes it. Parameter names follow PatchTST's module
 * names ({@code W_pos}, {@code layers.0.self_attn.W_Q.weight}, ...); weights are {@code [in, out]}.
 *
 * <p>Two details of the code that the paper does not spell out: the attention branch is dropped out twice (the
 * output projection's {@code proj_dropout} and the layer's {@code dropout_attn}, both at {@code dropout}), and the
 * scores passed to the next layer under residual attention are the sum of every earlier layer's.
 */
final class PatchTstGraph {

  static final float NORM_EPSILON = 1e-5f;
  static final float BATCH_NORM_MOMENTUM = 0.1f;

  private final GraphContext context;
  private final PatchTstConfig config;
  private final Ops tf;

  PatchTstGraph(GraphContext context, PatchTstConfig config) {
    this.context = context;
    this.config = config;
    this.tf = context.tf();
  }

  /** @param tokens {@code [sequences, count, d_model]} */
  Operand<TFloat32> forward(Operand<TFloat32> tokens) {
    int count = (int) tokens.shape().get(1);
    int width = config.dModel();
    Operand<TFloat32> x = tokens;
    if (config.positions().equals("learned")) {
      var positions = context.parameter("W_pos", ParameterRole.POSITION_EMBEDDING, Shape.of(count, width),
          Initializers.uniform(0.02f));
      x = context.dropout(tf.math.add(tokens, positions), config.dropout().floatValue());
    }
    Operand<TFloat32> scores = null;
    for (int layer = 0; layer < config.eLayers(); layer++) {
      Operand<TFloat32>[] out = layer("layers." + layer + ".", x, scores, count);
      x = out[0];
      scores = config.residualAttention() ? out[1] : null;
    }
    return x;
  }

  @SuppressWarnings("unchecked")
  private Operand<TFloat32>[] layer(String prefix, Operand<TFloat32> src, Operand<TFloat32> previousScores,
      int count) {
    float dropout = config.dropout().floatValue();
    if (config.preNorm()) {
      src = norm(prefix + "norm_attn", src);
    }
    Operand<TFloat32>[] attention = attention(prefix + "self_attn.", src, previousScores, count);
    src = tf.math.add(src, context.dropout(attention[0], dropout));
    if (!config.preNorm()) {
      src = norm(prefix + "norm_attn", src);
    }
    if (config.preNorm()) {
      src = norm(prefix + "norm_ffn", src);
    }
    Operand<TFloat32> hidden = linear(prefix + "ff.0", src, config.dModel(), config.dFf());
    hidden = config.activation().equals("gelu") ? BatchNorm.gelu(tf, hidden) : tf.nn.relu(hidden);
    hidden = linear(prefix + "ff.3", context.dropout(hidden, dropout), config.dFf(), config.dModel());
    src = tf.math.add(src, context.dropout(hidden, dropout));
    if (!config.preNorm()) {
      src = norm(prefix + "norm_ffn", src);
    }
    return new Operand[] {src, attention[1]};
  }

  /** Multi-head self-attention; returns the output and the pre-softmax scores (with the earlier layers' added). */
  @SuppressWarnings("unchecked")
  private Operand<TFloat32>[] attention(String prefix, Operand<TFloat32> x, Operand<TFloat32> previousScores,
      int count) {
    int width = config.dModel();
    int heads = config.nHeads();
    int headDim = width / heads;
    // W_Q, W_K and W_V stay three parameters, but run as one product over their concatenation: one matrix product
    // (and one of each gradient) instead of three.
    Operand<TFloat32> qkv = linear(x, List.of(prefix + "W_Q", prefix + "W_K", prefix + "W_V"), width, width);
    var split = tf.split(tf.constant(2), qkv, 3L);
    Operand<TFloat32> q = heads(split.output().get(0), count, heads, headDim);
    Operand<TFloat32> k = heads(split.output().get(1), count, heads, headDim);
    Operand<TFloat32> v = heads(split.output().get(2), count, heads, headDim);
    Operand<TFloat32> scores = BatchedMatMul.scaledScores(tf, q, k, (float) Math.pow(headDim, -0.5));
    if (previousScores != null) {
      scores = tf.math.add(scores, previousScores);
    }
    Operand<TFloat32> probabilities =
        context.dropout(tf.nn.softmax(scores), config.attnDropout().floatValue());
    Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(
            BatchedMatMul.of(tf, probabilities, v), tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new int[] {-1, count, width}));
    Operand<TFloat32> out = context.dropout(linear(prefix + "to_out.0", merged, width, width),
        config.projectionDropout().floatValue());
    return new Operand[] {out, scores};
  }

  private Operand<TFloat32> heads(Operand<TFloat32> x, int count, int heads, int headDim) {
    return tf.linalg.transpose(tf.reshape(x, tf.constant(new int[] {-1, count, heads, headDim})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** PyTorch's {@code nn.Linear} on the last axis, initialized as there: uniform within 1/sqrt(in). */
  private Operand<TFloat32> linear(String name, Operand<TFloat32> x, int in, int out) {
    return linear(x, List.of(name), in, out);
  }

  /** Several {@code nn.Linear}s of the same input, their outputs side by side on the last axis. */
  private Operand<TFloat32> linear(Operand<TFloat32> x, List<String> names, int in, int out) {
    Initializer init = Initializers.uniform((float) (1 / Math.sqrt(in)));
    List<Operand<TFloat32>> weights = new ArrayList<>();
    List<Operand<TFloat32>> biases = new ArrayList<>();
    for (String name : names) {
      weights.add(context.parameter(name + ".weight", ParameterRole.BACKBONE, Shape.of(in, out), init));
      biases.add(context.parameter(name + ".bias", ParameterRole.BACKBONE, Shape.of(out), init));
    }
    Operand<TFloat32> weight = names.size() == 1 ? weights.get(0) : tf.concat(weights, tf.constant(1));
    Operand<TFloat32> bias = names.size() == 1 ? biases.get(0) : tf.concat(biases, tf.constant(0));
    int count = (int) x.shape().get(1);
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, in}));
    return tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(flat, weight), bias),
        tf.constant(new int[] {-1, count, out * names.size()}));
  }

  private Operand<TFloat32> norm(String name, Operand<TFloat32> x) {
    if (config.batchNorm()) {
      return BatchNorm.apply(context, name, ParameterRole.LAYER_NORM, x, config.dModel(), NORM_EPSILON,
          BATCH_NORM_MOMENTUM);
    }
    return LayerNorm.apply(context, name, x, config.dModel(), NORM_EPSILON);
  }
}
