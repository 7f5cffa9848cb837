package io.tsllm.backbones.llama;

import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.backbones.common.CausalMask;
import io.tsllm.backbones.common.LoraAdapter;
import io.tsllm.backbones.common.LoraAdapter.WeightLayout;
import io.tsllm.backbones.common.LoraConfig;
import io.tsllm.backbones.common.LoraTargets;
import io.tsllm.spi.BatchedMatMul;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.ParameterRole;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * HuggingFace's {@code LlamaModel} forward pass from {@code inputs_embeds}, as one graph: the first {@code layers}
 * blocks of RMSNorm, attention with rotary positions on q and k and grouped-query key/value heads (query head
 * {@code j} reads key/value head {@code j / (heads / kv_heads)}, as {@code repeat_kv}), causal softmax scaled by
 * {@code 1/sqrt(head_dim)}, RMSNorm and the SwiGLU MLP {@code down(silu(gate(x)) * up(x))}; then the final norm.
 */
final class LlamaGraph {

  private final GraphContext context;
  private final LlamaConfig config;
  private final BackboneWeights weights;
  private final Ops tf;

  LlamaGraph(GraphContext context, LlamaConfig config, BackboneWeights weights) {
    this.context = context;
    this.config = config;
    this.weights = weights;
    this.tf = context.tf();
  }

  /** Tokens {@code [sequences, count, hidden_size]} to the last hidden state of the same shape. */
  Operand<TFloat32> forward(Operand<TFloat32> tokens) {
    int count = (int) tokens.shape().get(1);
    RotaryFrequencies rotary = new RotaryFrequencies(
        config.headDim(), config.ropeTheta(), config.ropeScaling(), config.maxPositionEmbeddings());
    Operand<TFloat32> cos = tf.constant(rotary.table(count, false));
    Operand<TFloat32> sin = tf.constant(rotary.table(count, true));
    Operand<TFloat32> causalBias = tf.constant(CausalMask.bias(count));
    Operand<TFloat32> hidden = tokens;
    for (int i = 0; i < config.layers(); i++) {
      hidden = block("layers." + i + ".", hidden, count, cos, sin, causalBias);
    }
    return rmsNorm("norm.weight", hidden);
  }

  private Operand<TFloat32> block(String prefix, Operand<TFloat32> hidden, int count, Operand<TFloat32> cos,
      Operand<TFloat32> sin, Operand<TFloat32> causalBias) {
    Operand<TFloat32> normed = rmsNorm(prefix + "input_layernorm.weight", hidden);
    hidden = tf.math.add(hidden, attention(prefix + "self_attn.", normed, count, cos, sin, causalBias));
    Operand<TFloat32> mlpInput = rmsNorm(prefix + "post_attention_layernorm.weight", hidden);
    return tf.math.add(hidden, mlp(prefix + "mlp.", mlpInput));
  }

  private Operand<TFloat32> attention(String prefix, Operand<TFloat32> x, int count, Operand<TFloat32> cos,
      Operand<TFloat32> sin, Operand<TFloat32> causalBias) {
    int width = config.hiddenSize();
    int heads = config.numAttentionHeads();
    int kvHeads = config.numKeyValueHeads();
    int headDim = config.headDim();
    boolean qkvBias = config.queryKeyValueBias();
    Operand<TFloat32> q = rotate(splitHeads(linear(prefix + "q_proj", x, width, heads * headDim, qkvBias),
        count, heads), cos, sin);
    Operand<TFloat32> k = rotate(splitHeads(linear(prefix + "k_proj", x, width, kvHeads * headDim, qkvBias),
        count, kvHeads), cos, sin);
    Operand<TFloat32> v = splitHeads(linear(prefix + "v_proj", x, width, kvHeads * headDim, qkvBias), count, kvHeads);
    k = repeatKeyValue(k, count);
    v = repeatKeyValue(v, count);
    Operand<TFloat32> scores = tf.math.mul(
        BatchedMatMul.timesTransposed(tf, q, k),
        tf.constant((float) (1 / Math.sqrt(headDim))));
    Operand<TFloat32> probs = tf.nn.softmax(tf.math.add(scores, causalBias));
    probs = context.dropout(probs, config.attentionDropout().floatValue());
    Operand<TFloat32> context = BatchedMatMul.of(tf, probs, v);
    Operand<TFloat32> merged = tf.reshape(tf.linalg.transpose(context, tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new int[] {-1, count, heads * headDim}));
    return linear(prefix + "o_proj", merged, heads * headDim, width, config.outputBias());
  }

  /** {@code [S, T, heads * head_dim]} to {@code [S, heads, T, head_dim]}. */
  private Operand<TFloat32> splitHeads(Operand<TFloat32> x, int count, int heads) {
    Operand<TFloat32> reshaped = tf.reshape(x, tf.constant(new int[] {-1, count, heads, config.headDim()}));
    return tf.linalg.transpose(reshaped, tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** {@code x cos + rotate_half(x) sin}, with {@code rotate_half(x) = [-x2, x1]} over the head's two halves. */
  private Operand<TFloat32> rotate(Operand<TFloat32> x, Operand<TFloat32> cos, Operand<TFloat32> sin) {
    List<Output<TFloat32>> halves = tf.split(tf.constant(-1), x, 2L).output();
    Operand<TFloat32> rotated = tf.concat(List.of(tf.math.neg(halves.get(1)), halves.get(0)), tf.constant(-1));
    return tf.math.add(tf.math.mul(x, cos), tf.math.mul(rotated, sin));
  }

  /** HuggingFace's {@code repeat_kv}: {@code [S, kv_heads, T, d]} to {@code [S, heads, T, d]}. */
  private Operand<TFloat32> repeatKeyValue(Operand<TFloat32> x, int count) {
    int kvHeads = config.numKeyValueHeads();
    int repeats = config.numAttentionHeads() / kvHeads;
    if (repeats == 1) {
      return x;
    }
    Operand<TFloat32> expanded = tf.tile(tf.expandDims(x, tf.constant(2)),
        tf.constant(new int[] {1, 1, repeats, 1, 1}));
    return tf.reshape(expanded, tf.constant(new int[] {-1, config.numAttentionHeads(), count, config.headDim()}));
  }

  private Operand<TFloat32> mlp(String prefix, Operand<TFloat32> x) {
    int width = config.hiddenSize();
    int inner = config.intermediateSize();
    boolean bias = config.mlpBias();
    Operand<TFloat32> gate = linear(prefix + "gate_proj", x, width, inner, bias);
    Operand<TFloat32> up = linear(prefix + "up_proj", x, width, inner, bias);
    Operand<TFloat32> silu = tf.math.mul(gate, tf.math.sigmoid(gate));
    return linear(prefix + "down_proj", tf.math.mul(silu, up), inner, width, bias);
  }

  /** {@code nn.Linear}: {@code x W^T (+ b)} with {@code W [out, in]}; plus a LoRA delta when targeted. */
  private Operand<TFloat32> linear(String name, Operand<TFloat32> x, int in, int out, boolean withBias) {
    Variable<TFloat32> weight = param(name + ".weight", ParameterRole.BACKBONE, out, in);
    int count = (int) x.shape().get(1);
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, in}));
    Operand<TFloat32> y = tf.linalg.matMul(flat, weight, MatMul.transposeB(true));
    if (withBias) {
      y = tf.math.add(y, param(name + ".bias", ParameterRole.BACKBONE, out));
    }
    LoraConfig lora = config.lora();
    if (lora != null && lora.targetedProjections(LoraTargets.LLAMA).contains(projection(name))) {
      y = tf.math.add(y, new LoraAdapter(context, weights, lora).delta(name, weight, WeightLayout.OUT_IN, flat, in,
          out));
    }
    return tf.reshape(y, tf.constant(new int[] {-1, count, out}));
  }

  /** {@code layers.3.self_attn.q_proj} to {@code q_proj}. */
  private static String projection(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** {@code x / sqrt(mean(x^2) + eps) * weight}. */
  private Operand<TFloat32> rmsNorm(String name, Operand<TFloat32> x) {
    var gain = param(name, ParameterRole.LAYER_NORM, config.hiddenSize());
    Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(x), tf.constant(new int[] {-1}), Mean.keepDims(true));
    Operand<TFloat32> normalized = tf.math.mul(
        x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant(config.rmsNormEps().floatValue()))));
    return tf.math.mul(normalized, gain);
  }

  private Variable<TFloat32> param(String name, ParameterRole role, long... dims) {
    Shape shape = Shape.of(dims);
    return context.parameter(name, role, shape, weights.initializer(name, shape));
  }
}
