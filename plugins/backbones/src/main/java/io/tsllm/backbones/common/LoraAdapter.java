package io.tsllm.backbones.common;

import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * PEFT's LoRA layer on one projection: {@code lora_B(lora_A(dropout(x))) * alpha / r} with PEFT's parameter names
 * and shapes ({@code <projection>.lora_A.weight [r, in]}, {@code <projection>.lora_B.weight [out, r]}), and the
 * merge that folds the trained delta into the base weight when a model is exported.
 */
public final class LoraAdapter {

  /** How the adapted projection stores its weight. */
  public enum WeightLayout {
    /** HuggingFace's {@code Conv1D} (GPT-2): {@code [in, out]}, {@code y = x W}. */
    IN_OUT,
    /** {@code nn.Linear} (LLaMA): {@code [out, in]}, {@code y = x W^T}. */
    OUT_IN
  }

  private final GraphContext context;
  private final BackboneWeights weights;
  private final LoraConfig lora;

  public LoraAdapter(GraphContext context, BackboneWeights weights, LoraConfig lora) {
    this.context = context;
    this.weights = weights;
    this.lora = lora;
  }

  /** The delta to add to {@code x W} for rows {@code flat [n, in]}. */
  public Operand<TFloat32> delta(
      String name, Variable<TFloat32> weight, WeightLayout layout, Operand<TFloat32> flat, int in, int out) {
    Ops tf = context.tf();
    int rank = lora.rank();
    // PEFT: kaiming_uniform_(a=sqrt(5)) on [r, in], which is uniform(-1/sqrt(in), 1/sqrt(in)); B starts at zero.
    var a = context.parameter(name + ".lora_A.weight", ParameterRole.ADAPTER, Shape.of(rank, in),
        weights.adapterInitializer(name + ".lora_A.weight", Initializers.uniform((float) (1 / Math.sqrt(in)))));
    var b = context.parameter(name + ".lora_B.weight", ParameterRole.ADAPTER, Shape.of(out, rank),
        weights.adapterInitializer(name + ".lora_B.weight", Initializers.zeros()));
    Operand<TFloat32> input = context.dropout(flat, lora.dropout().floatValue());
    Operand<TFloat32> down = tf.linalg.matMul(input, a, MatMul.transposeB(true));
    Operand<TFloat32> up = tf.linalg.matMul(down, b, MatMul.transposeB(true));
    // Merged, the same delta folded into the base weight: A^T B^T for [in, out], B A for [out, in].
    Operand<TFloat32> product = layout == WeightLayout.IN_OUT
        ? tf.linalg.matMul(a, b, MatMul.transposeA(true), MatMul.transposeB(true))
        : tf.linalg.matMul(b, a);
    context.mergeOnExport(weight, tf.math.mul(product, tf.constant(lora.scaling())), b);
    return tf.math.mul(up, tf.constant(lora.scaling()));
  }
}
