package io.tsllm.spi;

import org.tensorflow.ndarray.buffer.DataBuffers;

/** The initializers that the built-in plugins need; plugins may write their own. */
public final class Initializers {

  private Initializers() {}

  public static Initializer zeros() {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape.asArray()), tf.constant(0f));
  }

  public static Initializer ones() {
    return constant(1f);
  }

  /** Every element {@code value} (DLinear starts its weights at {@code 1 / input_length}). */
  public static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape.asArray()), tf.constant(value));
  }

  /** Normal with mean 0 and the given standard deviation (GPT-2 uses 0.02). */
  public static Initializer normal(float stddev) {
    return (tf, shape, seed) ->
        tf.math.mul(tf.random.statelessRandomNormal(tf.constant(shape.asArray()), seed), tf.constant(stddev));
  }

  /** Uniform on {@code [-limit, limit)}. PyTorch's {@code nn.Linear} default is {@code limit = 1/sqrt(fan_in)}. */
  public static Initializer uniform(float limit) {
    return (tf, shape, seed) -> {
      var unit = tf.random.statelessRandomUniform(tf.constant(shape.asArray()), seed);
      return tf.math.mul(tf.math.sub(unit, tf.constant(0.5f)), tf.constant(2f * limit));
    };
  }

  /** Exactly these values, row-major; {@code values.length} must equal the shape's size. */
  public static Initializer values(float[] values) {
    float[] copy = values.clone();
    return (tf, shape, seed) -> {
      if (shape.size() != copy.length) {
        throw new IllegalArgumentException(
            "initial values have " + copy.length + " elements, shape " + shape + " needs " + shape.size());
      }
      return tf.constant(shape, DataBuffers.of(copy, true, false));
    };
  }
}
