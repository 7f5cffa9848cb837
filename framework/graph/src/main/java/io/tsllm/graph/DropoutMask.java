package io.tsllm.graph;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint16;

/**
 * Inverted dropout as one multiplication by a mask, the mask drawn from 16-bit uniform integers: each 32-bit
 * Philox draw ({@code StatelessRandomUniformFullInt}, window by window: {@link WindowDraws}) is split into two
 * 16-bit halves by a bitcast, so a mask costs half the random numbers of a float uniform draw, which profiles
 * showed to be the largest single cost of small models' training steps. An element is dropped when its 16-bit value is below {@code round(rate * 65536)}, and
 * kept ones are scaled by {@code 65536 / (65536 - that threshold)}, the exact inverse of the quantized keep
 * probability, so that the expected output equals the input (the quantized rate differs from {@code rate} by at
 * most 2^-17).
 *
 * <p>Outside training the draw shrinks to one row ({@code [1, ..., 1, last]}), every element is kept and the scale
 * is exactly 1, so {@code x} passes unchanged and evaluation draws almost nothing.
 */
final class DropoutMask {

  private static final int LEVELS = 1 << 16;

  private final Ops tf;
  private final Operand<TBool> training;
  private final WindowDraws draws;

  DropoutMask(Ops tf, Operand<TBool> training, WindowDraws draws) {
    this.tf = tf;
    this.training = training;
    this.draws = draws;
  }

  /** {@code x} with dropout at {@code rate} (in (0, 1)), its mask a function of {@code seed} only. */
  Operand<TFloat32> apply(Operand<TFloat32> x, float rate, Operand<TInt64> seed) {
    int rank = x.shape().numDimensions();
    if (rank < 1) {
      throw new IllegalArgumentException("dropout needs a tensor of known rank >= 1, got shape " + x.shape());
    }
    int threshold = Math.round(rate * LEVELS);
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> lead = tf.select(training,
        tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1})),
        tf.constant(ones(rank - 1)));
    Operand<TInt32> last = tf.slice(shape, tf.constant(new int[] {rank - 1}), tf.constant(new int[] {1}));
    Operand<TInt32> pairs = tf.math.floorDiv(tf.math.add(last, tf.constant(1)), tf.constant(2));
    Operand<TInt32> draw = draws.fullInts(tf.concat(List.of(lead, pairs), tf.constant(0)), seed);
    Operand<TUint16> halves = tf.bitcast(draw, TUint16.class);
    Operand<TInt32> maskShape = tf.concat(List.of(lead, last), tf.constant(0));
    Operand<TUint16> bits;
    if (x.shape().get(rank - 1) % 2 == 0) {
      bits = tf.reshape(halves, maskShape);
    } else {
      // An odd or unknown last axis: one half of the last pair is left over.
      Operand<TInt32> paired = tf.concat(List.of(lead, tf.math.mul(pairs, tf.constant(2))),
          tf.constant(0));
      bits = tf.slice(tf.reshape(halves, paired), tf.constant(new int[rank]), maskShape);
    }
    Operand<TUint16> below = tf.dtypes.cast(tf.select(training, tf.constant(threshold), tf.constant(0)),
        TUint16.class);
    Operand<TFloat32> scale = tf.select(training,
        tf.constant((float) ((double) LEVELS / (LEVELS - threshold))), tf.constant(1f));
    Operand<TFloat32> mask = tf.math.mul(tf.dtypes.cast(tf.math.greaterEqual(bits, below), TFloat32.class), scale);
    return tf.math.mul(x, mask);
  }

  private static int[] ones(int count) {
    int[] ones = new int[count];
    Arrays.fill(ones, 1);
    return ones;
  }
}
