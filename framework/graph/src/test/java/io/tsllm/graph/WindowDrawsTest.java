package io.tsllm.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * {@link WindowDraws}: a whole batch draws exactly what TensorFlow's V1 stateless ops draw (so single-process masks
 * are unchanged), and any run of its windows, fed alone with its first index, draws exactly those windows' rows of
 * the whole batch's draw, also where a window's elements do not start on a Philox counter (15 per window).
 */
class WindowDrawsTest {

  private static final long[] SEED = {7, 1234567L << 32 | 3};
  private static final int WINDOWS = 6;
  private static final int[] PER_WINDOW = {5, 3};

  @Test
  void theWholeBatchDrawsWhatTheV1OpsDraw() {
    int[] shape = shape(WINDOWS);
    assertArrayEquals(draw(shape, 0, true, (tf, s, seed) -> tf.random.statelessRandomUniformFullInt(s, seed,
        TInt32.class)), draw(shape, 0, true, (tf, s, seed) -> null));
    assertArrayEquals(draw(shape, 0, true, (tf, s, seed) -> tf.random.statelessRandomUniform(s, seed)),
        draw(shape, 0, false, (tf, s, seed) -> null));
  }

  @Test
  void eachRunOfWindowsDrawsItsRowsOfTheWholeBatch() {
    for (boolean ints : new boolean[] {true, false}) {
      double[] whole = draw(shape(WINDOWS), 0, ints, (tf, s, seed) -> null);
      int per = PER_WINDOW[0] * PER_WINDOW[1];
      for (int first = 0; first < WINDOWS; first++) {
        for (int count = 1; first + count <= WINDOWS; count++) {
          double[] part = draw(shape(count), first, ints, (tf, s, seed) -> null);
          assertArrayEquals(Arrays.copyOfRange(whole, first * per, (first + count) * per), part,
              "windows " + first + " to " + (first + count - 1) + (ints ? ", integers" : ", floats"));
        }
      }
    }
  }

  private static int[] shape(int windows) {
    return new int[] {windows, PER_WINDOW[0], PER_WINDOW[1]};
  }

  private interface Reference {
    Operand<? extends TNumber> draw(Ops tf, Operand<TInt32> shape, Operand<TInt64> seed);
  }

  /** The draw for {@code shape[0]} windows from {@code first} on, or the reference op's draw if it gives one. */
  private static double[] draw(int[] shape, long first, boolean ints, Reference reference) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TInt64> windows = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      WindowDraws draws = new WindowDraws(tf, windows, tf.constant(true));
      Operand<TInt32> size = tf.constant(shape);
      Operand<TInt64> seed = tf.constant(SEED);
      Operand<? extends TNumber> drawn = reference.draw(tf, size, seed);
      if (drawn == null) {
        drawn = ints ? draws.fullInts(size, seed) : draws.uniform(size, seed);
      }
      Operand<?> flat = tf.reshape(tf.dtypes.cast(drawn, org.tensorflow.types.TFloat64.class),
          tf.constant(new int[] {-1}));
      try (TInt64 fed = TInt64.vectorOf(first, shape[0]);
          var result = session.runner().feed(windows, fed).fetch(flat).run()) {
        var values = (org.tensorflow.types.TFloat64) result.get(0);
        double[] out = new double[(int) values.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = values.getDouble(i);
        }
        return out;
      }
    }
  }
}
