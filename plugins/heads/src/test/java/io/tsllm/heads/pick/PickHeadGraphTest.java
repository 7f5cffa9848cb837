package io.tsllm.heads.pick;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.LatentPatching;
import io.tsllm.spi.WindowShape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The picking decoder against loops written from SeisMoLLM's PyTorch code, and the detection label in the graph. */
class PickHeadGraphTest {

  @Test
  void upsamplingSizesAreSeisMoLlmsForSteadsWindows() {
    assertArrayEquals(new int[] {1253, 2112, 3560, 6000}, UpsamplingDecoder.sizes(744, 6000, 4),
        "93 tokens of 8 steps back to 6000 samples, as _upsampling_sizes computes them");
    assertArrayEquals(new int[] {224, 192, 160, 6}, UpsamplingDecoder.stageChannels(List.of(128, 160, 192, 224), 3));
  }

  @Test
  void decoderMatchesALoopImplementation() {
    int batch = 2;
    int channels = 3;
    int patch = 4;
    int count = 5;   // 20 feature steps
    int length = 50;
    PickHeadConfig config = new PickHeadConfig(null, null, null, null, null, null, null, null, List.of(4, 6), List.of(3,
        2));
    float[] hidden = new float[batch * count * channels * patch];
    Random random = new Random(3);
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = (float) random.nextGaussian();
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ParameterRegistry registry = new ParameterRegistry();
      ModelGraphContext context = ModelGraphContext.root(tf, WindowShape.stepLabels(length, List.of("e", "n", "z"),
          List.of("P", "S")), GraphInputs.create(tf), registry, 1).forSection("head");
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, count, channels * patch)));
      Operand<TFloat32> out = UpsamplingDecoder.logits(context, config, new LatentPatching(channels, patch), count, x,
          length);
      try (Session session = new Session(graph)) {
        session.initialize();
        Map<String, float[]> w = new HashMap<>();
        for (var p : registry.all()) {
          try (Result r = session.runner().fetch(p.variable()).run()) {
            float[] data = new float[(int) p.shape().size()];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(data, false, false));
            w.put(p.name(), data);
          }
        }
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(batch, count, channels * patch),
            DataBuffers.of(hidden, true, false));
            Result r = session.runner().feed(x, input).fetch(out).run()) {
          float[] actual = new float[batch * length * 3];
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(actual, false, false));
          for (int b = 0; b < batch; b++) {
            double[][] expected = reference(hidden, b, count, channels, patch, length, w);
            for (int t = 0; t < length; t++) {
              for (int o = 0; o < 3; o++) {
                assertEquals(expected[t][o], actual[(b * length + t) * 3 + o], 1e-4, "sample " + b + ", step " + t);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void detectionLabelInTheGraphIsTheHostsSpan() {
    int length = 60;
    int[][] arrivals = {{10, 25}, {40, -1}, {-1, -1}, {-1, 33}, {5, 50}};
    float[] labels = new float[arrivals.length * length * 2];
    for (int w = 0; w < arrivals.length; w++) {
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < length && arrivals[w][c] >= 0; t++) {
          double d = t - arrivals[w][c];
          labels[(w * length + t) * 2 + c] = (float) Math.exp(-d * d / 50);
        }
      }
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat32> in = tf.constant(Shape.of(arrivals.length, length, 2), DataBuffers.of(labels, true, false));
      try (Result r = session.runner().fetch(PickLabels.detection(tf, in, length, 1.4f)).run()) {
        float[] actual = new float[arrivals.length * length];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(actual, false, false));
        for (int w = 0; w < arrivals.length; w++) {
          int[] found = {PickLabels.arrival(labels, w * length * 2, length, 2, 0),
              PickLabels.arrival(labels, w * length * 2, length, 2, 1)};
          assertArrayEquals(arrivals[w], found);
          int[] span = PickLabels.detectionSpan(found, length, 1.4f);
          for (int t = 0; t < length; t++) {
            float expected = span != null && t >= span[0] && t <= span[1] ? 1 : 0;
            assertEquals(expected, actual[w * length + t], "window " + w + ", step " + t);
          }
        }
      }
    }
  }

  /** The decoder in double precision, inference mode (batch norm with its initial statistics). */
  private static double[][] reference(float[] hidden, int b, int count, int channels, int patch, int length,
      Map<String, float[]> w) {
    int steps = count * patch;
    double[][] x = new double[steps][channels];
    for (int n = 0; n < count; n++) {
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < patch; p++) {
          x[n * patch + p][c] = hidden[(b * count + n) * channels * patch + c * patch + p];
        }
      }
    }
    int[] sizes = UpsamplingDecoder.sizes(steps, length, 2);
    int[] widths = {6, 6};    // channels [4, 6] reversed: 6, then 2 x 3 outputs
    int[] kernels = {2, 3};   // kernels [3, 2] reversed
    for (int i = 0; i < 2; i++) {
      x = interpolate(x, sizes[i]);
      x = conv(x, w.get("head.up_layers." + i + ".conv.weight"), w.get("head.up_layers." + i + ".conv.bias"),
          kernels[i], widths[i]);
      for (double[] step : x) {
        for (int c = 0; c < step.length; c++) {
          double v = step[c] / Math.sqrt(1 + 1e-5);
          step[c] = v * 0.5 * (1 + erf(v / Math.sqrt(2)));
        }
      }
    }
    return conv(x, w.get("head.out_conv.weight"), w.get("head.out_conv.bias"), 7, 3);
  }

  /** PyTorch's {@code interpolate(mode="linear", align_corners=False)}. */
  private static double[][] interpolate(double[][] x, int size) {
    double scale = (double) x.length / size;
    double[][] y = new double[size][x[0].length];
    for (int i = 0; i < size; i++) {
      double source = Math.max(0, (i + 0.5) * scale - 0.5);
      int low = (int) Math.floor(source);
      int high = Math.min(low + 1, x.length - 1);
      double lambda = source - low;
      for (int c = 0; c < x[0].length; c++) {
        y[i][c] = (1 - lambda) * x[low][c] + lambda * x[high][c];
      }
    }
    return y;
  }

  /** A stride-1 convolution padded to keep the length (extra step on the right), weights [1, k, in, out]. */
  private static double[][] conv(double[][] x, float[] weight, float[] bias, int kernel, int out) {
    int in = x[0].length;
    int left = (kernel - 1) / 2;
    double[][] y = new double[x.length][out];
    for (int t = 0; t < x.length; t++) {
      for (int o = 0; o < out; o++) {
        double sum = bias[o];
        for (int k = 0; k < kernel; k++) {
          int s = t + k - left;
          if (s >= 0 && s < x.length) {
            for (int c = 0; c < in; c++) {
              sum += x[s][c] * weight[(k * in + c) * out + o];
            }
          }
        }
        y[t][o] = sum;
      }
    }
    return y;
  }

  private static double erf(double z) {
    return org.apache.commons.math3.special.Erf.erf(z);
  }
}
