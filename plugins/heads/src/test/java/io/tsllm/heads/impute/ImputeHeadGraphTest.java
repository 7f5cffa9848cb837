package io.tsllm.heads.impute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.graph.GraphInputs;
import io.tsllm.graph.ModelGraphContext;
import io.tsllm.graph.ParameterRegistry;
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
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class ImputeHeadGraphTest {

  static final int LENGTH = 50;
  static final int CHANNELS = 4;

  @Test
  void hidesTheConfiguredShareUnderTheProtocolAndOnlyNaNsOtherwise() {
    ImputeHeadConfig config = new ImputeHeadConfig(0.25, null);
    float[] series = new float[8 * LENGTH * CHANNELS];
    for (int i = 0; i < series.length; i++) {
      series[i] = 1 + i % 7;
    }
    series[5] = Float.NaN;
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      GraphInputs inputs = GraphInputs.create(tf);
      WindowShape shape = WindowShape.inputOnly(LENGTH, List.of("a", "b", "c", "d"));
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, LENGTH, CHANNELS)));
      ModelGraphContext head = ModelGraphContext.root(tf, shape, inputs, new ParameterRegistry(), 1).withInput(x)
          .forSection("head");
      Operand<TFloat32> masked = new ImputeHead().prepareInput(head, config, x).series();
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.tensorOf(Shape.of(8, LENGTH, CHANNELS), DataBuffers.of(series, true, false));
          TBool yes = TBool.scalarOf(true);
          TInt64 seed = TInt64.vectorOf(3, 4)) {
        float[] protocol = new float[series.length];
        float[] again = new float[series.length];
        float[] served = new float[series.length];
        try (Result r = session.runner().feed(x, input).feed(inputs.protocolMasks(), yes)
            .feed(inputs.stepSeed(), seed).fetch(masked).run()) {
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(protocol, false, false));
        }
        try (Result r = session.runner().feed(x, input).feed(inputs.protocolMasks(), yes)
            .feed(inputs.stepSeed(), seed).fetch(masked).run()) {
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(again, false, false));
        }
        try (Result r = session.runner().feed(x, input).fetch(masked).run()) {
          ((TFloat32) r.get(0)).copyTo(DataBuffers.of(served, false, false));
        }
        int hidden = 0;
        for (int i = 0; i < series.length; i++) {
          hidden += protocol[i] == 0 ? 1 : 0;
          assertEquals(protocol[i], again[i], "the same seed hides the same points");
          assertEquals(i == 5 ? 0 : series[i], served[i], "served: only the NaN is hidden");
        }
        double share = hidden / (double) series.length;
        assertTrue(Math.abs(share - 0.25) < 0.03, "about a quarter hidden: " + share);
        assertEquals(0, protocol[5], "the NaN is hidden too");
      }
    }
  }
}
