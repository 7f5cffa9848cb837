package io.tsllm.backbones.gpt2;

import io.tsllm.backbones.common.BackboneWeights;
import io.tsllm.backbones.common.CausalMask;
import io.tsllm.backbones.common.LoraAdapter;
import io.tsllm.backbones.common.LoraAdapter.WeightLayout;
import io.tsllm.backbones.common.LoraConfig;
import io.tsllm.backbones.common.LoraTargets;
import io.tsllm.spi.BatchedMatMul;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * HuggingFace's {@code GPT2Model} forward pass from {@code inputs_embeds}, as one graph: position embeddings are
 * added, then the first {@code layers} pre-LN blocks (fused {@code c_attn}, causal attention scaled by
 * {@code 1/sqrt(head_dim)}, {@code gelu_new} MLP), then {@code ln_f}.
 */
final class Gpt2Graph {

  private final GraphContext context;
  private final Gpt2Config config;
  private final BackboneWeights weights;
  private final Ops tf;

  Gpt2Graph(GraphContext context, Gpt2Config config, BackboneWeights weights) {
    this.context = context;
    this.config = config;
    this.weights = weights;
    this.tf = context.tf();
  }

  /** Tokens {@code [sequences, count, n_embd]} to the last hidden state of the same shape. */
  Operand<TFloat32> forward(Operand<TFloat32> tokens) {
    int count = (int) tokens.shape().get(1);
    int width = config.nEmbd();
    var wpe = param("wpe.weight", ParameterRole.POSITION_EMBEDDING, config.nPositions(), width);
    Operand<TFloat32> positions =
        tf.slice(wpe, tf.constant(new int[] {0, 0}), tf.constant(new int[] {count, width}));
    Operand<TFloat32> hidden = context.dropout(tf.math.add(tokens, positions), config.embdPdrop().floatValue());
    Operand<TFloat32> causalBias = tf.constant(CausalMask.bias(count));
    for (int i = 0; i < config.layers(); i++) {
      hidden = block("h." + i + ".", hidden, count, causalBias);
    }
    return layerNorm("ln_f", hidden);
  }

  private Operand<TFloat32> block(String prefix, Operand<TFloat32> hidden, int count, Operand<TFloat32> causalBias) {
    float resid = config.residPdrop().floatValue();
    Operand<TFloat32> attention = attention(prefix + "attn.", layerNorm(prefix + "ln_1", hidden), count, causalBias);
    hidden = tf.math.add(hidden, context.dropout(attention, resid));
    Operand<TFloat32> mlp = mlp(prefix + "mlp.", layerNorm(prefix + "ln_2", hidden));
    return tf.math.add(hidden, context.dropout(mlp, resid));
  }

  private Operand<TFloat32> attention(String prefix, Operand<TFloat32> x, int count, Operand<TFloat32> causalBias) {
    int width = config.nEmbd();
    Operand<TFloat32> qkv = conv1d(prefix + "c_attn", x, width, 3 * width);
    Split<TFloat32> split = tf.split(tf.constant(2), qkv, 3L);
    Operand<TFloat32> q = splitHeads(split.output().get(0), count);
    Operand<TFloat32> k = splitHeads(split.output().get(1), count);
    Operand<TFloat32> v = splitHeads(split.output().get(2), count);
    Operand<TFloat32> scores = BatchedMatMul.scaledScores(tf, q, k, (float) (1 / Math.sqrt(config.headDim())));
    Operand<TFloat32> probs = tf.nn.softmax(tf.math.add(scores, causalBias));
    probs = context.dropout(probs, config.attnPdrop().floatValue());
    Operand<TFloat32> heads = BatchedMatMul.of(tf, probs, v);
    Operand<TFloat32> merged = tf.reshape(
        tf.linalg.transpose(heads, tf.constant(new int[] {0, 2, 1, 3})), tf.constant(new int[] {-1, count, width}));
    return conv1d(prefix + "c_proj", merged, width, width);
  }

  /** {@code [S, T, n_embd]} to {@code [S, n_head, T, head_dim]}. */
  private Operand<TFloat32> splitHeads(Operand<TFloat32> x, int count) {
    Operand<TFloat32> reshaped =
        tf.reshape(x, tf.constant(new int[] {-1, count, config.nHead(), config.headDim()}));
    return tf.linalg.transpose(reshaped, tf.constant(new int[] {0, 2, 1, 3}));
  }

  private Operand<TFloat32> mlp(String prefix, Operand<TFloat32> x) {
    int width = config.nEmbd();
    Operand<TFloat32> inner = geluNew(conv1d(prefix + "c_fc", x, width, 4 * width));
    return conv1d(prefix + "c_proj", inner, 4 * width, width);
  }

  /**
   * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, computed as {@code x sigmoid(2 sqrt(2/pi) (x + 0.044715
   * x^3))} (the same function, since {@code (1 + tanh z) / 2 = sigmoid(2z)}): six operations instead of nine, and
   * sigmoid's fused gradient instead of tanh's chain.
   */
  private Operand<TFloat32> geluNew(Operand<TFloat32> x) {
    double twice = 2 * Math.sqrt(2 / Math.PI);
    Operand<TFloat32> slope = tf.math.add(tf.constant((float) twice),
        tf.math.mul(tf.constant((float) (twice * 0.044715)), tf.math.square(x)));
    return tf.math.mul(x, tf.math.sigmoid(tf.math.mul(x, slope)));
  }

  /**
   * HuggingFace's {@code Conv1D}: {@code x @ weight + bias} with {@code weight [in, out]}, over the last axis; plus
   * a LoRA delta when this projection is targeted.
   */
  private Operand<TFloat32> conv1d(String name, Operand<TFloat32> x, int in, int out) {
    Variable<TFloat32> weight = param(name + ".weight", ParameterRole.BACKBONE, in, out);
    var bias = param(name + ".bias", ParameterRole.BACKBONE, out);
    int count = (int) x.shape().get(1);
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, in}));
    Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(flat, weight), bias);
    LoraConfig lora = config.lora();
    if (lora != null && lora.targetedProjections(LoraTargets.GPT2).contains(projection(name))) {
      y = tf.math.add(y, new LoraAdapter(context, weights, lora).delta(name, weight, WeightLayout.IN_OUT, flat, in, out));
    }
    return tf.reshape(y, tf.constant(new int[] {-1, count, out}));
  }

  /** {@code h.3.attn.c_attn} to {@code attn.c_attn}. */
  private static String projection(String name) {
    String[] parts = name.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private Operand<TFloat32> layerNorm(String name, Operand<TFloat32> x) {
    int width = config.nEmbd();
    var gain = param(name + ".weight", ParameterRole.LAYER_NORM, width);
    var bias = param(name + ".bias", ParameterRole.LAYER_NORM, width);
    Operand<TInt32> lastAxis = tf.constant(new int[] {-1});
    Operand<TFloat32> mean = tf.math.mean(x, lastAxis, Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), lastAxis, Mean.keepDims(true));
    Operand<TFloat32> normalized = tf.math.mul(
        centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(config.layerNormEpsilon().floatValue()))));
    return tf.math.add(tf.math.mul(normalized, gain), bias);
  }

  private Variable<TFloat32> param(String name, ParameterRole role, long... dims) {
    Shape shape = Shape.of(dims);
    return context.parameter(name, role, shape, weights.initializer(name, shape));
  }
}
