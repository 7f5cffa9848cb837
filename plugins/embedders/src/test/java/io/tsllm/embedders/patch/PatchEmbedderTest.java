package io.tsllm.embedders.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.Parameter;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.WindowShape;
import java.util.ArrayList;
import java.util.List;
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

class PatchEmbedderTest {

  static final int BATCH = 2;
  static final int LENGTH = 10;
  static final int CHANNELS = 3;
  static final int WIDTH = 5;

  @Test
  void countsPatchesAfterReplicationPaddingByOneStride() {
    PatchEmbedderConfig config = new PatchEmbedderConfig(16, 8, null, null);
    assertEquals(42, config.patchCount(336), "GPT4TS: (336 + 8 - 16) / 8 + 1");
    assertEquals(41, new PatchEmbedderConfig(16, 8, Padding.NONE, null).patchCount(336));
  }

  @Test
  void rejectsPatchLongerThanInput() {
    List<String> problems = new ArrayList<>();
    new PatchEmbedder().checkCompatible(new PatchEmbedderConfig(64, 8, Padding.NONE, null),
        new WindowShape(32, 1, 8, 1, List.of("x")), 16, (field, value, expected) -> problems.add(field + "=" + value));
    assertEquals(List.of("patch_length=64"), problems);
  }

  @Test
  void tokensAreLinearProjectionsOfNormalizedReplicationPaddedPatches() {
    PatchEmbedderConfig config = new PatchEmbedderConfig(4, 2, null, null);
    int count = config.patchCount(LENGTH);
    float[] series = randomSeries();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      ParameterRegistry registry = new ParameterRegistry();
      WindowShape shape = new WindowShape(LENGTH, CHANNELS, 3, CHANNELS, List.of("a", "b", "c"));
      ModelGraphContext context =
          ModelGraphContext.root(tf, shape, GraphInputs.create(tf), registry, 1).forSection("embedder");
      Operand<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LENGTH, CHANNELS)));
      FeatureTokens tokens = new PatchEmbedder().embed(context, config, x, WIDTH);
      assertEquals(count, tokens.count());
      List<Parameter> params = registry.all();
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(BATCH, LENGTH, CHANNELS), DataBuffers.of(series, true, false));
            Result result = session.runner().feed(x, input).fetch(tokens.tokens())
                .fetch(params.get(0).variable()).fetch(params.get(1).variable()).run()) {
          float[] actual = read((TFloat32) result.get(0), BATCH * CHANNELS * count * WIDTH);
          float[] weight = read((TFloat32) result.get(1), 4 * WIDTH);
          float[] bias = read((TFloat32) result.get(2), WIDTH);
          float[] expected = expectedTokens(series, weight, bias, 4, 2, count);
          for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4, "token value " + i);
          }
        }
      }
    }
  }

  @Test
  void toSeriesUndoesInstanceNormalization() {
    PatchEmbedderConfig config = new PatchEmbedderConfig(4, 2, null, null);
    float[] series = randomSeries();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(LENGTH, CHANNELS, 1, CHANNELS, List.of("a", "b", "c"));
      ModelGraphContext context =
          ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(), 1);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LENGTH, CHANNELS)));
      FeatureTokens tokens = new PatchEmbedder().embed(context, config, x, WIDTH);
      assertEquals(1, tokens.channelsPerSequence());
      // A "forecast" of 0 in normalized units is each window's channel mean in the original units.
      Operand<TFloat32> zeros = tf.fill(tf.constant(new int[] {BATCH * CHANNELS, 1}), tf.constant(0f));
      Operand<TFloat32> restored = tokens.toSeries(tf, zeros);
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(BATCH, LENGTH, CHANNELS), DataBuffers.of(series, true, false));
            Result result = session.runner().feed(x, input).fetch(restored).run()) {
          float[] actual = read((TFloat32) result.get(0), BATCH * CHANNELS);
          for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < CHANNELS; c++) {
              double mean = 0;
              for (int t = 0; t < LENGTH; t++) {
                mean += series[(b * LENGTH + t) * CHANNELS + c] / LENGTH;
              }
              assertEquals(mean, actual[b * CHANNELS + c], 1e-4, "window " + b + " channel " + c);
            }
          }
        }
      }
    }
  }

  @Test
  void observedMaskKeepsHiddenPointsOutOfTheWindowStatistics() {
    PatchEmbedderConfig config = new PatchEmbedderConfig(4, 2, null, null);
    float[] series = randomSeries();
    float[] mask = new float[series.length];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = (i / CHANNELS + i % CHANNELS) % 3 == 0 ? 0 : 1;
      series[i] = mask[i] == 0 ? 0 : series[i];
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(LENGTH, CHANNELS, 1, CHANNELS, List.of("a", "b", "c"));
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LENGTH, CHANNELS)));
      Operand<TFloat32> m = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LENGTH, CHANNELS)));
      ModelGraphContext context = ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(), 1)
          .withObserved(m);
      FeatureTokens tokens = new PatchEmbedder().embed(context, config, x, WIDTH);
      // 0 and 1 in normalized units map back to the observed mean and mean + std of each window and channel.
      Operand<TFloat32> zeros = tf.fill(tf.constant(new int[] {BATCH * CHANNELS, 1}), tf.constant(0f));
      Operand<TFloat32> ones = tf.fill(tf.constant(new int[] {BATCH * CHANNELS, 1}), tf.constant(1f));
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.tensorOf(Shape.of(BATCH, LENGTH, CHANNELS), DataBuffers.of(series, true, false));
          TFloat32 observed = TFloat32.tensorOf(Shape.of(BATCH, LENGTH, CHANNELS), DataBuffers.of(mask, true, false));
          Result result = session.runner().feed(x, input).feed(m, observed).fetch(tokens.toSeries(tf, zeros))
              .fetch(tokens.toSeries(tf, ones)).run()) {
        float[] means = read((TFloat32) result.get(0), BATCH * CHANNELS);
        float[] plusStd = read((TFloat32) result.get(1), BATCH * CHANNELS);
        for (int b = 0; b < BATCH; b++) {
          for (int c = 0; c < CHANNELS; c++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (int t = 0; t < LENGTH; t++) {
              int i = (b * LENGTH + t) * CHANNELS + c;
              if (mask[i] == 1) {
                sum += series[i];
                squares += series[i] * series[i];
                n++;
              }
            }
            double mean = sum / n;
            double std = Math.sqrt(squares / n - mean * mean + 1e-5);
            assertEquals(mean, means[b * CHANNELS + c], 1e-4, "observed mean, window " + b + " channel " + c);
            assertEquals(mean + std, plusStd[b * CHANNELS + c], 1e-4, "observed std, window " + b + " channel " + c);
          }
        }
      }
    }
  }

  /** The GPT4TS definition, written out with loops. */
  private static float[] expectedTokens(float[] series, float[] weight, float[] bias, int patch, int stride, int count) {
    float[] tokens = new float[BATCH * CHANNELS * count * WIDTH];
    for (int b = 0; b < BATCH; b++) {
      for (int c = 0; c < CHANNELS; c++) {
        double mean = 0;
        for (int t = 0; t < LENGTH; t++) {
          mean += series[(b * LENGTH + t) * CHANNELS + c];
        }
        mean /= LENGTH;
        double var = 0;
        for (int t = 0; t < LENGTH; t++) {
          double d = series[(b * LENGTH + t) * CHANNELS + c] - mean;
          var += d * d;
        }
        double std = Math.sqrt(var / LENGTH + 1e-5);
        for (int p = 0; p < count; p++) {
          for (int w = 0; w < WIDTH; w++) {
            double sum = bias[w];
            for (int j = 0; j < patch; j++) {
              int t = Math.min(p * stride + j, LENGTH - 1);
              double value = (series[(b * LENGTH + t) * CHANNELS + c] - mean) / std;
              sum += value * weight[j * WIDTH + w];
            }
            tokens[((b * CHANNELS + c) * count + p) * WIDTH + w] = (float) sum;
          }
        }
      }
    }
    return tokens;
  }

  private static float[] randomSeries() {
    Random random = new Random(3);
    float[] series = new float[BATCH * LENGTH * CHANNELS];
    for (int i = 0; i < series.length; i++) {
      series[i] = (float) (5 + 3 * random.nextGaussian());
    }
    return series;
  }

  private static float[] read(TFloat32 tensor, int size) {
    assertTrue(tensor.size() == size, "size " + tensor.size() + " vs " + size);
    float[] out = new float[size];
    tensor.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
