package io.tsllm.embedders.decomposition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.WindowShape;
import java.util.ArrayList;
import java.util.List;
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

class DecompositionEmbedderTest {

  @Test
  void trendIsTheMovingAverageOfTheSeriesWithItsEndsRepeatedAndTheRemainderTheRest() {
    // One window, 5 steps, 2 channels: channel 0 is 1, 2, 4, 8, 16; channel 1 is 3, 3, 0, 3, 3.
    float[] series = {1, 3, 2, 3, 4, 0, 8, 3, 16, 3};
    // Kernel 3 pads one copy of each end: channel 0 -> 1 1 2 4 8 16 16, averaged over 3.
    float[] trend0 = {4f / 3, 7f / 3, 14f / 3, 28f / 3, 40f / 3};
    float[] trend1 = {3, 2, 2, 2, 3};
    float[] tokens = run(series, 5, 2, 3);
    float[] expected = new float[2 * 2 * 5];
    float[][] channels = {{1, 2, 4, 8, 16}, {3, 3, 0, 3, 3}};
    float[][] trends = {trend0, trend1};
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < 5; t++) {
        expected[(c * 2) * 5 + t] = channels[c][t] - trends[c][t];  // token 0: the remainder
        expected[(c * 2 + 1) * 5 + t] = trends[c][t];  // token 1: the trend
      }
    }
    assertArrayEquals(expected, tokens, 1e-5f);
  }

  @Test
  void kernelOneLeavesTheWholeSeriesAsTrend() {
    float[] series = {1, 2, 3, 4};
    float[] tokens = run(series, 4, 1, 1);
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 2, 3, 4}, tokens, 0f);
  }

  @Test
  void refusesABackboneNotAsWideAsTheInput() {
    List<String> problems = new ArrayList<>();
    new DecompositionEmbedder().checkCompatible(new DecompositionConfig(25), new WindowShape(336, 7, 96, 7,
        List.of("a", "b", "c", "d", "e", "f", "g")), 64, (field, value, expected) -> problems.add(expected));
    assertEquals(List.of("a backbone as wide as the input length (336; the identity backbone's width), found 64"),
        problems);
  }

  private static float[] run(float[] series, int length, int channels, int kernel) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      names.add("c" + c);
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(length, channels, 1, channels, names);
      ModelGraphContext context = ModelGraphContext.root(tf, shape, GraphInputs.create(tf), new ParameterRegistry(), 1)
          .forSection("embedder");
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, length, channels)));
      FeatureTokens tokens = new DecompositionEmbedder().embed(context, new DecompositionConfig(kernel), x, length);
      assertEquals(2, tokens.count());
      assertEquals(length, tokens.width());
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.tensorOf(Shape.of(1, length, channels), DataBuffers.of(series, true, false));
          Result result = session.runner().feed(x, input).fetch(tokens.tokens()).run()) {
        float[] out = new float[channels * 2 * length];
        ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }
}
