package io.tsllm.heads.common;

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

/** SeisMoLLM's decoder, with the magnitude head's scaled sigmoid, against loops; and its length rule. */
class SeisMoLlmDecoderTest {

  @Test
  void matchesALoopImplementation() {
    int batch = 2;
    int channels = 3;
    int patch = 4;
    int count = 25;  // 100 steps: convolutions leave 22, then 2 steps
    int values = 2;
    float scale = 8f;
    float[] hidden = new float[batch * count * channels * patch];
    Random random = new Random(5);
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = (float) random.nextGaussian();
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ParameterRegistry registry = new ParameterRegistry();
      ModelGraphContext context = ModelGraphContext.root(tf, new WindowShape(100, channels, 1, values,
          List.of("e", "n", "z")), GraphInputs.create(tf), registry, 1).forSection("head");
      Operand<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, count, channels * patch)));
      Operand<TFloat32> out = tf.math.mul(tf.math.sigmoid(SeisMoLlmDecoder.build(context,
          new LatentPatching(channels, patch), count, x, values)), tf.constant(scale));
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
          float[] actual = new float[batch * values];
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(actual, false, false));
          for (int b = 0; b < batch; b++) {
            double[] expected = reference(hidden, b, count, channels, patch, values, scale, w);
            for (int v = 0; v < values; v++) {
              assertEquals(expected[v], actual[b * values + v], 1e-4, "sample " + b + ", value " + v);
            }
          }
        }
      }
    }
  }

  @Test
  void needsSeventySixStepsForItsTwoConvolutions() {
    assertEquals(0, SeisMoLlmDecoder.outputSteps(75));
    assertEquals(1, SeisMoLlmDecoder.outputSteps(76));
    assertEquals(76, SeisMoLlmDecoder.MIN_STEPS);
    assertEquals(42, SeisMoLlmDecoder.outputSteps(744), "SeisMoLLM's 93 tokens of 8 steps: 183, then 42");
  }

  private static double[] reference(float[] hidden, int b, int count, int channels, int patch, int values,
      float scale, Map<String, float[]> w) {
    int steps = count * patch;
    double[][] x = new double[steps][channels];
    for (int n = 0; n < count; n++) {
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < patch; p++) {
          // token n holds channel c's patch steps together: index c * patch + p (channel-major)
          x[n * patch + p][c] = hidden[(b * count + n) * channels * patch + c * patch + p];
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      float[] kernel = w.get("head.convs." + i + ".weight");  // [1, 16, in, out]
      float[] bias = w.get("head.convs." + i + ".bias");
      int length = (x.length - 16) / 4 + 1;
      double[][] y = new double[length][channels];
      for (int s = 0; s < length; s++) {
        for (int o = 0; o < channels; o++) {
          double sum = bias[o];
          for (int k = 0; k < 16; k++) {
            for (int c = 0; c < channels; c++) {
              sum += x[s * 4 + k][c] * kernel[(k * channels + c) * channels + o];
            }
          }
          y[s][o] = sum;
        }
      }
      x = y;
    }
    double[] pooled = new double[channels];
    for (double[] step : x) {
      for (int c = 0; c < channels; c++) {
        pooled[c] += step[c] / x.length;
      }
    }
    double[] result = new double[values];
    for (int v = 0; v < values; v++) {
      double sum = w.get("head.lin.bias")[v];
      for (int c = 0; c < channels; c++) {
        sum += pooled[c] * w.get("head.lin.weight")[c * values + v];
      }
      result[v] = scale / (1 + Math.exp(-sum));
    }
    return result;
  }
}
