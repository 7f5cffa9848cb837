package io.tsllm.heads.pick;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What the loaders' per-sample pick labels ({@code [length, phases]}, a Gaussian or a single 1 around each pick)
 * say, the same on the host and in the graph: a phase is labelled in a window where its label reaches
 * {@value #PRESENT}, at the label's highest sample; the detection span runs from the first labelled arrival to the
 * last plus {@code coda} times their gap (P to S + 1.4 (S - P) by default, as SeisBench's {@code DetectionLabeller}),
 * or to the window's end when one phase is labelled, and is empty when none is.
 */
final class PickLabels {

  static final float PRESENT = 0.5f;

  private PickLabels() {}

  /** The labelled arrival sample of {@code phase} in the {@code [length, phases]} block at {@code offset}, or -1. */
  static int arrival(float[] labels, int offset, int length, int phases, int phase) {
    int best = -1;
    float max = -Float.MAX_VALUE;
    for (int t = 0; t < length; t++) {
      float value = labels[offset + t * phases + phase];
      if (value > max) {
        max = value;
        best = t;
      }
    }
    return max >= PRESENT ? best : -1;
  }

  /** The detection span {@code [first, last]} (inclusive) of a window's arrivals ({@code -1}: not labelled), or null. */
  static int[] detectionSpan(int[] arrivals, int length, float coda) {
    int first = Integer.MAX_VALUE;
    int last = -1;
    int present = 0;
    for (int arrival : arrivals) {
      if (arrival >= 0) {
        first = Math.min(first, arrival);
        last = Math.max(last, arrival);
        present++;
      }
    }
    if (present == 0) {
      return null;
    }
    float end = present >= 2 ? last + coda * (float) (last - first) : length - 1;
    return new int[] {first, (int) Math.min(length - 1, Math.floor(end))};
  }

  /** The detection label {@code [batch, length]} (1 inside the span, 0 outside) of labels {@code [batch, length, phases]}. */
  static Operand<TFloat32> detection(Ops tf, Operand<TFloat32> labels, int length, float coda) {
    Operand<TFloat32> peak = tf.max(labels, tf.constant(1));
    Operand<TBool> present = tf.math.greaterEqual(peak, tf.constant(PRESENT));
    Operand<TFloat32> at = tf.dtypes.cast(tf.math.argMax(labels, tf.constant(1)), TFloat32.class);
    Operand<TFloat32> first = tf.min(tf.select(present, at, tf.fill(tf.shape(at), tf.constant((float) length))),
        tf.constant(1));
    Operand<TFloat32> last = tf.max(tf.select(present, at, tf.fill(tf.shape(at), tf.constant(-1f))),
        tf.constant(1));
    Operand<TFloat32> count = tf.sum(tf.dtypes.cast(present, TFloat32.class), tf.constant(1));
    Operand<TFloat32> end = tf.select(tf.math.greaterEqual(count, tf.constant(2f)),
        tf.math.add(last, tf.math.mul(tf.constant(coda), tf.math.sub(last, first))),
        tf.fill(tf.shape(count), tf.constant((float) (length - 1))));
    Operand<TFloat32> steps = tf.reshape(tf.range(tf.constant(0f), tf.constant((float) length), tf.constant(1f)),
        tf.constant(new int[] {1, length}));
    Operand<TFloat32> inside = tf.math.mul(
        tf.dtypes.cast(tf.math.greaterEqual(steps, tf.expandDims(first, tf.constant(1))), TFloat32.class),
        tf.dtypes.cast(tf.math.lessEqual(steps, tf.expandDims(tf.math.floor(end), tf.constant(1))), TFloat32.class));
    return tf.math.mul(inside, tf.expandDims(tf.dtypes.cast(tf.math.greaterEqual(count, tf.constant(1f)),
        TFloat32.class), tf.constant(1)));
  }
}
