package io.tsllm.graph;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.StatelessRandomGetKeyCounter;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * Stateless random draws for a batch of windows that are the rows {@code [first, first + count)} of a larger batch:
 * each window gets the numbers it would get in the whole batch, so a batch split across workers draws the same
 * dropout masks and protocol masks, window for window, as one process drawing for all of it.
 *
 * <p>Philox (what {@code StatelessRandomUniform*} use) fills element {@code j} of a draw from counter
 * {@code c + j / 4}, lane {@code j % 4}, for every shape. A draw for windows from {@code first} on therefore starts
 * {@code first * perWindow / 4} counters later, with the first {@code first * perWindow % 4} numbers dropped, where
 * {@code perWindow} is the number of elements each window draws (the draw's shape is batch-major, as every tensor
 * of a model graph is: a window's elements are one contiguous run of the flattened draw, whether the leading axis
 * is windows or windows x channels). The key and the starting counter come from the seed exactly as the V1 ops
 * derive them ({@code StatelessRandomGetKeyCounter}), whose counter's low word starts at 0, so with
 * {@code first = 0} every draw is bit for bit the V1 op's.
 */
final class WindowDraws {

  private static final int PHILOX = 1;
  private static final int LANES = 4;

  private final Ops tf;
  private final Operand<TInt64> windows;
  private final Operand<TBool> training;

  /**
   * @param windows {@code [first, count]}: this batch's first window's index in the whole batch and its windows
   * @param training the draws are offset only in training; outside it they are tiny and offset-free
   */
  WindowDraws(Ops tf, Operand<TInt64> windows, Operand<TBool> training) {
    this.tf = tf;
    this.windows = windows;
    this.training = training;
  }

  /** 32-bit integers of {@code shape}, as {@code StatelessRandomUniformFullInt} would draw them for the whole batch. */
  Operand<TInt32> fullInts(Operand<TInt32> shape, Operand<TInt64> seed) {
    return draw(shape, seed, (flat, key, counter) ->
        tf.random.statelessRandomUniformFullIntV2(flat, key, counter, tf.constant(PHILOX), TInt32.class));
  }

  /** Uniform floats in [0, 1) of {@code shape}, as {@code StatelessRandomUniform} would draw them for the whole batch. */
  Operand<TFloat32> uniform(Operand<TInt32> shape, Operand<TInt64> seed) {
    return draw(shape, seed, (flat, key, counter) ->
        tf.random.statelessRandomUniformV2(flat, key, counter, tf.constant(PHILOX)));
  }

  private interface Drawer<T extends TNumber> {
    Operand<T> draw(Operand<TInt32> flatShape, Operand<? extends TType> key, Operand<? extends TType> counter);
  }

  private <T extends TNumber> Operand<T> draw(Operand<TInt32> shape, Operand<TInt64> seed, Drawer<T> drawer) {
    Operand<TInt64> size = tf.dtypes.cast(tf.reduceProd(shape, tf.constant(0)), TInt64.class);
    Operand<TInt64> first = tf.gather(windows, tf.constant(0), tf.constant(0));
    Operand<TInt64> count = tf.math.maximum(tf.gather(windows, tf.constant(1), tf.constant(0)), tf.constant(1L));
    Operand<TInt64> start = tf.select(training, tf.math.mul(first, tf.math.floorDiv(size, count)), tf.constant(0L));
    Operand<TInt64> skip = tf.math.floorMod(start, tf.constant((long) LANES));
    StatelessRandomGetKeyCounter keyCounter = tf.random.statelessRandomGetKeyCounter(seed);
    // The counter is two uint64 words, low first; it is moved on by start / 4 in the low word.
    Operand<TInt64> counter = tf.bitcast(keyCounter.counter(), TInt64.class);
    Operand<TInt64> moved = tf.math.add(counter,
        tf.concat(List.of(tf.reshape(tf.math.floorDiv(start, tf.constant((long) LANES)), tf.constant(new int[] {1})),
            tf.constant(new long[] {0})), tf.constant(0)));
    Output<?> movedCounter = unsigned(moved);
    Operand<TInt32> flat = tf.reshape(tf.dtypes.cast(tf.math.add(size, skip), TInt32.class), tf.constant(new int[] {1}));
    Operand<T> drawn = drawer.draw(flat, keyCounter.key(), movedCounter);
    Operand<T> kept = tf.slice(drawn, tf.reshape(tf.dtypes.cast(skip, TInt32.class), tf.constant(new int[] {1})),
        tf.reshape(tf.dtypes.cast(size, TInt32.class), tf.constant(new int[] {1})));
    return tf.reshape(kept, shape);
  }

  /** {@code x} bitcast to uint64, which TF Java has no type class for: the counter's own type. */
  private Output<?> unsigned(Operand<TInt64> x) {
    Graph graph = (Graph) tf.scope().env();
    return graph.opBuilder("Bitcast", tf.scope().makeOpName("CounterBits"), tf.scope())
        .addInput(x.asOutput())
        .setAttr("type", DataType.DT_UINT64)
        .build()
        .output(0);
  }
}
