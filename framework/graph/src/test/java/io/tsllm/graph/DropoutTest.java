package io.tsllm.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tsllm.spi.WindowShape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * {@link ModelGraphContext#dropout}: identity outside training; in training a seeded share of elements zeroed and the
 * rest scaled by {@code 1/(1-rate)}, the same mask for the same step seed, and a gradient that is that mask times the
 * scale.
 */
class DropoutTest {

  private static final int SIZE = 20_000;
  private static final float RATE = 0.25f;

  @Test
  void passesValuesUnchangedOutsideTraining() {
    float[] x = values();
    assertArrayEquals(x, run(x, false, 3).output);
  }

  @Test
  void dropsASeededShareAndScalesTheRestInTraining() {
    float[] x = values();
    Run first = run(x, true, 3);
    int dropped = 0;
    for (int i = 0; i < SIZE; i++) {
      if (first.output[i] == 0f) {
        dropped++;
        assertEquals(0f, first.gradient[i], "a dropped element gets no gradient");
      } else {
        assertEquals(x[i] * (1f / (1f - RATE)), first.output[i], "kept elements are scaled exactly");
        assertEquals(1f / (1f - RATE), first.gradient[i], "kept elements pass the gradient scaled");
      }
    }
    assertEquals(RATE, dropped / (double) SIZE, 0.015, "share dropped");
    assertArrayEquals(first.output, run(x, true, 3).output, "same step seed, same mask");
    assertFalse(java.util.Arrays.equals(first.output, run(x, true, 4).output), "another step, another mask");
  }

  private static float[] values() {
    float[] x = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      x[i] = 1f + i % 97 / 10f;
    }
    return x;
  }

  private record Run(float[] output, float[] gradient) {}

  private static Run run(float[] values, boolean training, long step) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      GraphInputs inputs = GraphInputs.create(tf);
      ModelGraphContext context = ModelGraphContext.root(tf, new WindowShape(1, 1, 1, 1, List.of("x")), inputs,
          new ParameterRegistry(), 7).forSection("test");
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SIZE)));
      Operand<TFloat32> y = context.dropout(x, RATE);
      Output<?>[] gradient = graph.addGradients(tf.reduceSum(y, tf.constant(0)).asOutput(), new Output<?>[] {x.asOutput()});
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.vectorOf(values);
          TBool isTraining = TBool.scalarOf(training);
          TBool masks = TBool.scalarOf(true);
          TInt64 seed = TInt64.vectorOf(7, step);
          var result = session.runner().feed(x, input).feed(inputs.training(), isTraining)
              .feed(inputs.protocolMasks(), masks).feed(inputs.stepSeed(), seed).fetch(y).fetch(gradient[0]).run()) {
        return new Run(floats((TFloat32) result.get(0)), floats((TFloat32) result.get(1)));
      }
    }
  }

  private static float[] floats(TFloat32 tensor) {
    float[] out = new float[SIZE];
    for (int i = 0; i < SIZE; i++) {
      out[i] = tensor.getFloat(i);
    }
    return out;
  }
}
