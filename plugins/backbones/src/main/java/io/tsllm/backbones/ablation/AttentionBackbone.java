package io.tsllm.backbones.ablation;

import io.tsllm.backbones.common.CausalMask;
import io.tsllm.backbones.common.LayerNorm;
import io.tsllm.spi.Backbone;
import io.tsllm.spi.BatchedMatMul;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One multi-head self-attention layer in place of the language model: by default PyTorch's
 * {@code nn.MultiheadAttention} (query, key and value projections with biases, scaled dot-product attention, output
 * projection; no residual, no layer norm). With {@code bias: false}, {@code output_dropout: 0.1},
 * {@code residual: true} and {@code layer_norm_epsilon: 1e-6} it is the "LLM2Attn" layer of Tan et al. (NeurIPS
 * 2024) as their code builds it ({@code OFA/models/Attention.py}: projections without biases, dropout on the
 * probabilities and on the output projection, the input added back, then LayerNorm).
 */
public final class AttentionBackbone implements Backbone<AttentionConfig> {

  @Override
  public String name() {
    return "attention";
  }

  @Override
  public Class<AttentionConfig> configType() {
    return AttentionConfig.class;
  }

  @Override
  public String description() {
    return "ablation: a single multi-head self-attention layer (Tan et al. 2024, LLM2Attn)";
  }

  @Override
  public int width(AttentionConfig config) {
    return config.nEmbd();
  }

  @Override
  public Operand<TFloat32> encode(GraphContext context, AttentionConfig config, Operand<TFloat32> tokens) {
    Ops tf = context.tf();
    int width = config.nEmbd();
    int heads = config.nHead();
    int headDim = width / heads;
    int count = (int) tokens.shape().get(1);
    Operand<TFloat32> flat = tf.reshape(tokens, tf.constant(new int[] {-1, width}));
    boolean bias = config.bias();
    Operand<TFloat32> q = splitHeads(tf, project(context, "q_proj", flat, width, bias), count, heads, headDim);
    Operand<TFloat32> k = splitHeads(tf, project(context, "k_proj", flat, width, bias), count, heads, headDim);
    Operand<TFloat32> v = splitHeads(tf, project(context, "v_proj", flat, width, bias), count, heads, headDim);
    Operand<TFloat32> scores = tf.math.mul(BatchedMatMul.timesTransposed(tf, q, k),
        tf.constant((float) (1 / Math.sqrt(headDim))));
    if (config.causal()) {
      scores = tf.math.add(scores, tf.constant(CausalMask.bias(count)));
    }
    Operand<TFloat32> probs = context.dropout(tf.nn.softmax(scores), config.dropout().floatValue());
    Operand<TFloat32> merged = tf.reshape(
        tf.linalg.transpose(BatchedMatMul.of(tf, probs, v), tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new int[] {-1, width}));
    Operand<TFloat32> out = context.dropout(project(context, "out_proj", merged, width, bias),
        config.outputDropout().floatValue());
    if (config.residual()) {
      out = tf.math.add(out, flat);
    }
    if (config.layerNormEpsilon() != null) {
      out = LayerNorm.apply(context, "layer_norm", out, width, config.layerNormEpsilon().floatValue());
    }
    return tf.reshape(out, tf.constant(new int[] {-1, count, width}));
  }

  private static Operand<TFloat32> project(GraphContext context, String name, Operand<TFloat32> x, int width,
      boolean withBias) {
    float limit = (float) (1 / Math.sqrt(width));
    var weight = context.parameter(name + ".weight", ParameterRole.BACKBONE, Shape.of(width, width),
        Initializers.uniform(limit));
    Operand<TFloat32> projected = context.tf().linalg.matMul(x, weight);
    if (!withBias) {
      return projected;
    }
    var bias = context.parameter(name + ".bias", ParameterRole.BACKBONE, Shape.of(width), Initializers.zeros());
    return context.tf().math.add(projected, bias);
  }

  private static Operand<TFloat32> splitHeads(Ops tf, Operand<TFloat32> x, int count, int heads, int headDim) {
    return tf.linalg.transpose(tf.reshape(x, tf.constant(new int[] {-1, count, heads, headDim})),
        tf.constant(new int[] {0, 2, 1, 3}));
  }
}
