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
 * rest scaled by the inverse of the (16-bit quantized) keep probability, the same mask for the same step seed, and a
 * gradient that is that mask times the scale, for even and odd last axes.
 */
class DropoutTest {

  private static final int SIZE = 20_000;
  private static final float RATE = 0.25f;

  @Test
  void passesValuesUnchangedOutsideTraining() {
    float[] x = values(SIZE);
    assertArrayEquals(x, run(x, Shape.of(SIZE), RATE, false, 3).output);
    float[] odd = values(3 * 333);
    assertArrayEquals(odd, run(odd, Shape.of(3, 333), 0.3f, false, 3).output);
  }

  @Test
  void dropsASeededShareAndScalesTheRestInTraining() {
    checkTraining(Shape.of(SIZE), RATE, 1f / (1f - RATE));
  }

  @Test
  void anOddLastAxisAndARateBetweenLevelsScaleByTheQuantizedKeepProbability() {
    // round(0.3 * 65536) = 19661 of 65536 levels dropped: kept values are scaled by 65536 / 45875.
    checkTraining(Shape.of(4, 5_001), 0.3f, (float) (65536.0 / 45875.0));
  }

  private static void checkTraining(Shape shape, float rate, float scale) {
    int size = (int) shape.size();
    float[] x = values(size);
    Run first = run(x, shape, rate, true, 3);
    int dropped = 0;
    for (int i = 0; i < size; i++) {
      if (first.output[i] == 0f) {
        dropped++;
        assertEquals(0f, first.gradient[i], "a dropped element gets no gradient");
      } else {
        assertEquals(x[i] * scale, first.output[i], "kept elements are scaled exactly");
        assertEquals(scale, first.gradient[i], "kept elements pass the gradient scaled");
      }
    }
    assertEquals(rate, dropped / (double) size, 0.015, "share dropped");
    assertArrayEquals(first.output, run(x, shape, rate, true, 3).output, "same step seed, same mask");
    assertFalse(java.util.Arrays.equals(first.output, run(x, shape, rate, true, 4).output),
        "another step, another mask");
  }

  private static float[] values(int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = 1f + i % 97 / 10f;
    }
    return x;
  }

  private record Run(float[] output, float[] gradient) {}

  private static Run run(float[] values, Shape shape, float rate, boolean training, long step) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      GraphInputs inputs = GraphInputs.create(tf);
      ModelGraphContext context = ModelGraphContext.root(tf, new WindowShape(1, 1, 1, 1, List.of("x")), inputs,
          new ParameterRegistry(), 7).forSection("test");
      Placeholder<TFloat32> flat = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(values.length)));
      Operand<TFloat32> x = tf.reshape(flat, tf.constant(shape.asArray()));
      Operand<TFloat32> y = tf.reshape(context.dropout(x, rate), tf.constant(new long[] {-1}));
      Output<?>[] gradient =
          graph.addGradients(tf.reduceSum(y, tf.constant(0)).asOutput(), new Output<?>[] {flat.asOutput()});
      try (Session session = new Session(graph);
          TFloat32 input = TFloat32.vectorOf(values);
          TBool isTraining = TBool.scalarOf(training);
          TBool masks = TBool.scalarOf(true);
          TInt64 seed = TInt64.vectorOf(7, step);
          var result = session.runner().feed(flat, input).feed(inputs.training(), isTraining)
              .feed(inputs.protocolMasks(), masks).feed(inputs.stepSeed(), seed).fetch(y).fetch(gradient[0]).run()) {
        return new Run(floats((TFloat32) result.get(0), values.length),
            floats((TFloat32) result.get(1), values.length));
      }
    }
  }

  private static float[] floats(TFloat32 tensor, int size) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = tensor.getFloat(i);
    }
    return out;
  }
}
