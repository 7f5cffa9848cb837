package io.tsllm.heads.common;

import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.LatentPatching;
import io.tsllm.spi.ParameterRole;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The body SeisMoLLM's {@code HeadRegression}, {@code HeadBAZ} and {@code HeadClassification} share, on the
 * un-patched feature sequence {@code [batch, steps, C]}: two 1-d convolutions of C to C channels (kernel 16, stride 4,
 * no padding, with bias, nothing between them), average pooling over the steps and a linear layer; each head puts
 * its own activation on top (a scaled sigmoid for magnitude and distance, tanh for back-azimuth's cosine and sine).
 * Parameter names follow its PyTorch modules ({@code convs.0}, {@code convs.1}, {@code lin}); initialization is
 * PyTorch's default, uniform within 1/sqrt(fan-in).
 */
public final class SeisMoLlmDecoder {

  public static final int KERNEL = 16;
  public static final int STRIDE = 4;
  static final int CONVS = 2;
  /** The shortest feature sequence both convolutions leave a step of. */
  public static final int MIN_STEPS = KERNEL + (KERNEL - 1) * STRIDE;

  private SeisMoLlmDecoder() {}

  /**
   * Reports, under {@code field} with {@code value}, tokens this decoder cannot work on: tokens that are not latent
   * patches of a feature sequence, or a sequence too short for the two convolutions.
   */
  public static void check(FeatureTokens tokens, ConfigProblems problems, String field, Object value) {
    if (tokens.latentPatching().isEmpty()) {
      problems.check(false, field, value, "an embedder whose tokens are latent patches of a feature sequence"
          + " (multiscale-conv): SeisMoLLM's decoder un-patches them, and this embedder's cannot be");
      return;
    }
    int steps = tokens.latentPatching().get().steps(tokens.count());
    problems.check(outputSteps(steps) >= 1, field, value, "an embedder whose feature sequence has at least "
        + MIN_STEPS + " steps for the decoder's two convolutions (kernel " + KERNEL + ", stride " + STRIDE
        + "); this one has " + steps);
  }

  /** Steps left after the two convolutions of a sequence of {@code steps}; below 1, the sequence is too short. */
  public static int outputSteps(int steps) {
    int length = steps;
    for (int i = 0; i < CONVS; i++) {
      if (length < KERNEL) {
        return 0;
      }
      length = (length - KERNEL) / STRIDE + 1;
    }
    return length;
  }

  /** The linear layer's output {@code [batch, outputs]}, before the head's activation. */
  public static Operand<TFloat32> build(GraphContext context, LatentPatching patching, int count,
      Operand<TFloat32> hidden, int outputs) {
    Ops tf = context.tf();
    int channels = patching.featureChannels();
    // [batch, steps, C] as a one-row image [batch, 1, steps, C], so conv2d runs the 1-d convolution.
    Operand<TFloat32> x = tf.expandDims(patching.unpatch(tf, hidden, count), tf.constant(1));
    float convLimit = (float) (1 / Math.sqrt((double) channels * KERNEL));
    for (int i = 0; i < CONVS; i++) {
      var weight = context.parameter("convs." + i + ".weight", ParameterRole.HEAD,
          Shape.of(1, KERNEL, channels, channels), Initializers.uniform(convLimit));
      var bias = context.parameter("convs." + i + ".bias", ParameterRole.HEAD, Shape.of(channels),
          Initializers.uniform(convLimit));
      x = tf.nn.biasAdd(tf.nn.conv2d(x, weight, List.of(1L, 1L, (long) STRIDE, 1L), "VALID"), bias);
    }
    Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}));
    float limit = (float) (1 / Math.sqrt(channels));
    var weight = context.parameter("lin.weight", ParameterRole.HEAD, Shape.of(channels, outputs),
        Initializers.uniform(limit));
    var bias = context.parameter("lin.bias", ParameterRole.HEAD, Shape.of(outputs), Initializers.uniform(limit));
    return tf.math.add(tf.linalg.matMul(pooled, weight), bias);
  }
}
