package io.tsllm.embedders.multiscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.WindowShape;
import java.util.ArrayList;
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
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class MultiScaleConvEmbedderTest {

  static final float EPSILON = 1e-5f;

  @Test
  void seisMoLlmDefaultsGive93TokensOf768FromSixThousandSamples() {
    MultiScaleConvConfig config = new MultiScaleConvConfig(null, null, null, null, null, null, null, null, null);
    assertEquals(750, config.featureLength(6000));
    assertEquals(93, config.tokenCount(6000));
    List<String> problems = new ArrayList<>();
    WindowShape stead = new WindowShape(6000, 3, 1, 1, List.of("E", "N", "Z"));
    new MultiScaleConvEmbedder().checkCompatible(config, stead, 768, (f, v, e) -> problems.add(f));
    assertEquals(List.of(), problems);
    new MultiScaleConvEmbedder().checkCompatible(config, stead, 64, (f, v, e) -> problems.add(f));
    assertEquals(List.of("patch_length"), problems, "96 channels x 8 is not 64 wide");
    problems.clear();
    new MultiScaleConvEmbedder().checkCompatible(config, new WindowShape(40, 3, 1, 1, List.of("E", "N", "Z")), 768,
        (f, v, e) -> problems.add(f));
    assertEquals(List.of("strides"), problems, "40 samples leave 5 feature steps, less than one patch of 8");
  }

  @Test
  void windowNormalizationMakesTheInputUnitFree() {
    // The same window in counts and in other units with an offset per channel: identical after normalization,
    // with zero mean per channel and unit deviation over the window.
    int length = 50;
    float[] window = random(length * 3, 9);
    float[] other = new float[window.length];
    for (int i = 0; i < window.length; i++) {
      other[i] = 1000 * window[i] + (i % 3) * 7;
    }
    try (org.tensorflow.Graph graph = new org.tensorflow.Graph();
        org.tensorflow.Session session = new org.tensorflow.Session(graph)) {
      org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(graph);
      org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(1, length, 3);
      var a = MultiScaleConvEmbedder.normalizeWindow(tf, tf.constant(shape,
          org.tensorflow.ndarray.buffer.DataBuffers.of(window, true, false)));
      var b = MultiScaleConvEmbedder.normalizeWindow(tf, tf.constant(shape,
          org.tensorflow.ndarray.buffer.DataBuffers.of(other, true, false)));
      try (org.tensorflow.Result r = session.runner().fetch(a).fetch(b).run()) {
        float[] x = new float[window.length];
        float[] y = new float[window.length];
        ((org.tensorflow.types.TFloat32) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(x, false,
            false));
        ((org.tensorflow.types.TFloat32) r.get(1)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(y, false,
            false));
        double squares = 0;
        for (int i = 0; i < x.length; i++) {
          assertEquals(x[i], y[i], 1e-4);
          squares += x[i] * x[i];
        }
        assertEquals(1, squares / x.length, 1e-4);
      }
    }
  }

  @Test
  void inferenceMatchesALoopImplementation() {
    // One block, two branches with kernels 3 and 5, stride 2; latent patches of 2 steps.
    MultiScaleConvConfig config = new MultiScaleConvConfig(List.of(4), List.of(3), List.of(2), List.of(2), 2, 2,
        null, null, null);
    int batch = 2;
    int length = 7;
    int channels = 2;
    float[] series = random(batch * length * channels, 3);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ParameterRegistry registry = new ParameterRegistry();
      WindowShape shape = new WindowShape(length, channels, 1, 1, List.of("a", "b"));
      ModelGraphContext context =
          ModelGraphContext.root(tf, shape, GraphInputs.create(tf), registry, 1).forSection("embedder");
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, length, channels)));
      FeatureTokens tokens = new MultiScaleConvEmbedder().embed(context, config, x, 8);
      assertEquals(2, tokens.count(), "ceil(7 / 2) = 4 steps, 2 patches of 2");
      assertEquals(new io.tsllm.spi.LatentPatching(4, 2), tokens.latentPatching().orElseThrow());
      Operand<TFloat32> unpatched = tokens.latentPatching().get().unpatch(tf, tokens.tokens(), tokens.count());
      try (Session session = new Session(graph)) {
        session.initialize();
        Map<String, float[]> weights = new HashMap<>();
        for (var p : registry.all()) {
          try (Result r = session.runner().fetch(p.variable()).run()) {
            weights.put(p.name(), read((TFloat32) r.get(0), (int) p.shape().size()));
          }
        }
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(batch, length, channels),
            DataBuffers.of(series, true, false));
            Result result = session.runner().feed(x, input).fetch(tokens.tokens()).fetch(unpatched).run()) {
          float[] actual = read((TFloat32) result.get(0), batch * 2 * 8);
          float[] expected = reference(series, batch, length, channels, weights);
          for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4, "token value " + i);
          }
          // Un-patching gives back the feature sequence [batch, 4 steps, 4 channels] the tokens were cut from:
          // step s, channel o sits in token s / 2 at o * 2 + s % 2 (channel-major, SeisMoLLM's 'b n (c p)').
          assertEquals(List.of(-1L, 4L, 4L), java.util.Arrays.stream(unpatched.shape().asArray()).boxed().toList());
          float[] sequence = read((TFloat32) result.get(1), batch * 4 * 4);
          for (int b = 0; b < batch; b++) {
            for (int step = 0; step < 4; step++) {
              for (int o = 0; o < 4; o++) {
                assertEquals(actual[(b * 2 + step / 2) * 8 + o * 2 + step % 2], sequence[(b * 4 + step) * 4 + o],
                    "sample " + b + ", step " + step + ", channel " + o);
              }
            }
          }
        }
      }
    }
  }

  /** The block by loops: [batch][steps][channels] arrays, moving statistics 0 and 1, gamma 1 and beta 0. */
  private static float[] reference(float[] series, int batch, int length, int channels, Map<String, float[]> w) {
    int out = 4;
    int steps = 4;
    float[][][] joined = new float[batch][steps][2 * out];
    for (int r = 0; r < 2; r++) {
      int kernel = 3 + 2 * r;
      String name = "embedder.block0.branch" + r;
      for (int b = 0; b < batch; b++) {
        float[][] projected = new float[length][channels];
        float[] inProj = w.get(name + ".in_proj.weight");
        for (int t = 0; t < length; t++) {
          for (int o = 0; o < channels; o++) {
            for (int i = 0; i < channels; i++) {
              projected[t][o] += series[(b * length + t) * channels + i] * inProj[i * channels + o];
            }
          }
        }
        int total = (2 - length % 2) % 2 + kernel - 2;
        int left = total / 2;
        for (int s = 0; s < steps; s++) {
          for (int o = 0; o < out; o++) {
            double sum = 0;
            for (int k = 0; k < kernel; k++) {
              int t = s * 2 + k - left;
              if (t < 0 || t >= length) {
                continue;
              }
              for (int i = 0; i < channels; i++) {
                sum += projected[t][i] * w.get(name + ".conv.weight")[(k * channels + i) * out + o];
              }
            }
            joined[b][s][r * out + o] = gelu(sum / Math.sqrt(1 + EPSILON));
          }
        }
      }
    }
    float[] tokens = new float[batch * 2 * 8];
    for (int b = 0; b < batch; b++) {
      for (int s = 0; s < steps; s++) {
        for (int o = 0; o < out; o++) {
          double sum = 0;
          for (int i = 0; i < 2 * out; i++) {
            sum += joined[b][s][i] * w.get("embedder.block0.out_proj.weight")[i * out + o];
          }
          int token = s / 2;
          int p = s % 2;
          tokens[(b * 2 + token) * 8 + o * 2 + p] = (float) (sum / Math.sqrt(1 + EPSILON));
        }
      }
    }
    return tokens;
  }

  private static float gelu(double x) {
    return (float) (0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x / Math.sqrt(2))));
  }

  @Test
  void trainingNormalizesWithBatchStatisticsAndMovingStatisticsConverge() {
    MultiScaleConvConfig config = new MultiScaleConvConfig(List.of(3), List.of(4), List.of(2), List.of(2), 2, 4,
        0.5, null, null);
    int batch = 16;
    int length = 64;
    float[] series = random(batch * length, 5);
    for (int i = 0; i < series.length; i++) {
      series[i] = 3 + 2 * series[i];
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      GraphInputs inputs = GraphInputs.create(tf);
      ModelGraphContext root = ModelGraphContext.root(tf, new WindowShape(length, 1, 1, 1, List.of("z")), inputs,
          new ParameterRegistry(), 1);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, length, 1)));
      FeatureTokens tokens = new MultiScaleConvEmbedder().embed(root.forSection("embedder"), config, x, 12);
      var update = tf.withControlDependencies(root.trainingUpdates()).noOp();
      assertEquals(6, root.trainingUpdates().size(), "moving mean and variance of 3 batch norms");
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.tensorOf(Shape.of(batch, length, 1), DataBuffers.of(series, true, false));
          TBool training = TBool.scalarOf(true)) {
        session.initialize();
        float[] trained;
        try (Result r = session.runner().feed(x, input).feed(inputs.training(), training).fetch(tokens.tokens())
            .run()) {
          trained = read((TFloat32) r.get(0), batch * 8 * 12);
        }
        // Tokens are channel-major patches: channel c of the last batch norm is every value with (i % 12) / 4 == c.
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          double squares = 0;
          int n = 0;
          for (int i = 0; i < trained.length; i++) {
            if ((i % 12) / 4 == c) {
              sum += trained[i];
              squares += trained[i] * trained[i];
              n++;
            }
          }
          assertEquals(0, sum / n, 1e-4, "batch-normalized channel " + c + " has mean 0");
          assertEquals(1, squares / n, 1e-2, "and variance 1");
        }
        for (int i = 0; i < 40; i++) {
          session.runner().feed(x, input).feed(inputs.training(), training).addTarget(update).run();
        }
        try (Result r = session.runner().feed(x, input).fetch(tokens.tokens()).run()) {
          float[] inferred = read((TFloat32) r.get(0), trained.length);
          double worst = 0;
          for (int i = 0; i < trained.length; i++) {
            worst = Math.max(worst, Math.abs(inferred[i] - trained[i]));
          }
          // Unbiased moving variance (n / (n - 1), n = 16 x 32 steps) keeps them from being identical.
          assertTrue(worst < 0.02, "inference with converged moving statistics matches training: " + worst);
        }
      }
    }
  }

  private static float[] random(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private static float[] read(TFloat32 tensor, int n) {
    float[] out = new float[n];
    tensor.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
