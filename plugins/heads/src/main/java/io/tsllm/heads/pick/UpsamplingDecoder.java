package io.tsllm.heads.pick;

import io.tsllm.spi.BatchNorm;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.LatentPatching;
import io.tsllm.spi.ParameterRole;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * SeisMoLLM's {@code HeadDetectionPicking}: from the un-patched feature sequence {@code [batch, L, C]} back to the
 * input's {@code T} samples in as many stages as it has channel counts. Stage {@code i} resizes linearly (PyTorch's
 * {@code interpolate(mode="linear")}, half-pixel centres) to {@code sizes[i]} steps, growing by a constant factor
 * {@code (T / L)^(1/depth)} to exactly {@code T}, then a same-padded convolution with bias, batch norm and GELU.
 * Stage widths are SeisMoLLM's {@code dp_head_channels} reversed with the last replaced by twice the outputs,
 * kernels its {@code conv_kernel_sizes} reversed; a last convolution of kernel 7 gives one logit per output and
 * step. Parameter names follow its modules ({@code up_layers.i.conv}, {@code up_layers.i.norm}, {@code out_conv}).
 */
final class UpsamplingDecoder {

  static final int OUT_KERNEL = 7;
  private static final float EPSILON = 1e-5f;
  private static final float MOMENTUM = 0.1f;

  private UpsamplingDecoder() {}

  /** The steps after each stage, as SeisMoLLM's {@code _upsampling_sizes}: the last is {@code out}. */
  static int[] sizes(int in, int out, int depth) {
    int[] sizes = new int[depth];
    sizes[depth - 1] = out;
    double factor = Math.pow((double) out / in, 1.0 / depth);
    for (int i = depth - 2; i >= 0; i--) {
      sizes[i] = (int) (sizes[i + 1] / factor);
    }
    return sizes;
  }

  /** Output widths of the stages, in the order they run. */
  static int[] stageChannels(List<Integer> channels, int outputs) {
    int depth = channels.size();
    int[] widths = new int[depth];
    for (int i = 0; i < depth - 1; i++) {
      widths[i] = channels.get(depth - 1 - i);
    }
    widths[depth - 1] = 2 * outputs;
    return widths;
  }

  /** Logits {@code [batch, length, outputs]}. */
  static Operand<TFloat32> logits(GraphContext context, PickHeadConfig config, LatentPatching patching, int count,
      Operand<TFloat32> hidden, int length) {
    Ops tf = context.tf();
    Operand<TFloat32> x = patching.unpatch(tf, hidden, count);
    int depth = config.channels().size();
    int[] sizes = sizes(patching.steps(count), length, depth);
    int[] widths = stageChannels(config.channels(), config.outputs());
    int in = patching.featureChannels();
    for (int i = 0; i < depth; i++) {
      int kernel = config.kernels().get(depth - 1 - i);
      Operand<TFloat32> image = tf.expandDims(x, tf.constant(1));
      image = tf.image.resizeBilinear(image, tf.constant(new int[] {1, sizes[i]}),
          ResizeBilinear.halfPixelCenters(true));
      String name = "up_layers." + i;
      x = sameConv(context, name + ".conv", image, in, widths[i], kernel);
      x = BatchNorm.apply(context, name + ".norm", ParameterRole.HEAD, x, widths[i], EPSILON, MOMENTUM);
      x = BatchNorm.gelu(tf, x);
      in = widths[i];
    }
    return sameConv(context, "out_conv", tf.expandDims(x, tf.constant(1)), in, config.outputs(), OUT_KERNEL);
  }

  /**
   * A stride-1 convolution with bias over a one-row image {@code [batch, 1, steps, in]}, padded to keep the steps
   * (SeisMoLLM's {@code _auto_pad_1d}: the extra step of an even kernel on the right); {@code [batch, steps, out]}.
   */
  private static Operand<TFloat32> sameConv(GraphContext context, String name, Operand<TFloat32> image, int in,
      int out, int kernel) {
    Ops tf = context.tf();
    int total = kernel - 1;
    if (total > 0) {
      image = tf.pad(image, tf.constant(new int[][] {{0, 0}, {0, 0}, {total / 2, total - total / 2}, {0, 0}}),
          tf.constant(0f));
    }
    float limit = (float) (1 / Math.sqrt((double) in * kernel));
    var weight = context.parameter(name + ".weight", ParameterRole.HEAD, Shape.of(1, kernel, in, out),
        Initializers.uniform(limit));
    var bias = context.parameter(name + ".bias", ParameterRole.HEAD, Shape.of(out), Initializers.uniform(limit));
    Operand<TFloat32> y = tf.nn.biasAdd(tf.nn.conv2d(image, weight, List.of(1L, 1L, 1L, 1L), "VALID"), bias);
    return tf.squeeze(y, Squeeze.axis(List.of(1L)));
  }
}
