package io.tsllm.heads.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.WindowShape;
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

class DLinearProjectionTest {

  static final int CHANNELS = 2;
  static final int WIDTH = 4;
  static final int STEPS = 3;

  /** Per-channel tokens of one window: channel 0 (remainder 1 2 3 4, trend 8 8 8 8), channel 1 (0 0 0 4, 1 1 1 1). */
  static final float[] TOKENS = {1, 2, 3, 4, 8, 8, 8, 8, 0, 0, 0, 4, 1, 1, 1, 1};

  @Test
  void startsAsTheMeanOfEachTokenSummedPlusBothBiasesShared() {
    float[][] run = run(false);
    float[] prediction = run[0];
    float[] bias = run[1];  // [token, step]
    float[] means = {2.5f + 8, 1 + 1};
    for (int step = 0; step < STEPS; step++) {
      for (int c = 0; c < CHANNELS; c++) {
        float expected = means[c] + bias[step] + bias[STEPS + step];
        assertEquals(expected, prediction[step * CHANNELS + c], 1e-5, "step " + step + " channel " + c);
      }
    }
  }

  @Test
  void individualGivesEachChannelItsOwnMapsAndBiases() {
    float[][] run = run(true);
    float[] prediction = run[0];
    float[] bias = run[1];  // [channel, token, step]
    float[] means = {2.5f + 8, 1 + 1};
    for (int step = 0; step < STEPS; step++) {
      for (int c = 0; c < CHANNELS; c++) {
        float expected = means[c] + bias[(c * 2) * STEPS + step] + bias[(c * 2 + 1) * STEPS + step];
        assertEquals(expected, prediction[step * CHANNELS + c], 1e-5, "step " + step + " channel " + c);
      }
    }
  }

  /** The prediction {@code [1, STEPS, CHANNELS]} and the bias variable. */
  private static float[][] run(boolean individual) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      WindowShape shape = new WindowShape(WIDTH, CHANNELS, STEPS, CHANNELS, List.of("a", "b"));
      ParameterRegistry registry = new ParameterRegistry();
      ModelGraphContext context = ModelGraphContext.root(tf, shape, GraphInputs.create(tf), registry, 1)
          .forSection("head");
      Operand<TFloat32> hidden = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2, WIDTH)));
      FeatureTokens tokens = new FeatureTokens() {
        @Override
        public Operand<TFloat32> tokens() {
          return hidden;
        }

        @Override
        public int count() {
          return 2;
        }

        @Override
        public int width() {
          return WIDTH;
        }

        @Override
        public int channelsPerSequence() {
          return 1;
        }

        @Override
        public Operand<TFloat32> toSeries(Ops ops, Operand<TFloat32> perSequence) {
          return ops.linalg.transpose(ops.reshape(perSequence, ops.constant(new int[] {-1, CHANNELS, STEPS})),
              ops.constant(new int[] {0, 2, 1}));
        }
      };
      Operand<TFloat32> prediction = DLinearProjection.project(context, tokens, hidden, STEPS, individual);
      var bias = registry.all().stream().filter(p -> p.name().endsWith("dlinear.bias")).findFirst().orElseThrow();
      try (Session session = new Session(graph)) {
        session.initialize();
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(CHANNELS, 2, WIDTH), DataBuffers.of(TOKENS, true, false));
            Result result = session.runner().feed(hidden, input).fetch(prediction).fetch(bias.variable()).run()) {
          float[] out = new float[STEPS * CHANNELS];
          float[] b = new float[(individual ? CHANNELS : 1) * 2 * STEPS];
          ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
          ((TFloat32) result.get(1)).copyTo(DataBuffers.of(b, false, false));
          return new float[][] {out, b};
        }
      }
    }
  }
}
