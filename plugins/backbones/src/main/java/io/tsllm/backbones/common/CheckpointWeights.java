package io.tsllm.backbones.common;

import io.tsllm.converters.bundle.ConvertedModel;
import io.tsllm.spi.Initializer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Pre-trained weights from a converted bundle: each parameter's initializer is TensorFlow's restore op reading its
 * tensor from the bundle, so weights stream from disk into the session when it initializes and never pass through
 * the Java heap or the graph definition.
 */
public final class CheckpointWeights implements BackboneWeights {

  private final ConvertedModel converted;

  public CheckpointWeights(ConvertedModel converted) {
    this.converted = converted;
  }

  /** The folder the weights come from, for messages. */
  public java.nio.file.Path folder() {
    return converted.folder();
  }

  /** A tensor's stored shape, if the bundle holds it. */
  public java.util.Optional<long[]> shape(String name) {
    return java.util.Optional.ofNullable(converted.shapes().get(name));
  }

  @Override
  public Initializer initializer(String name, Shape shape) {
    long[] stored = converted.shapes().get(name);
    if (stored == null) {
      throw new IllegalArgumentException(converted.folder() + " has no tensor '" + name + "'");
    }
    if (!Arrays.equals(stored, shape.asArray())) {
      throw new IllegalArgumentException(converted.folder() + ": tensor '" + name + "' has shape "
          + Arrays.toString(stored) + ", the model needs " + shape);
    }
    String prefix = converted.checkpointPrefix().toString();
    return (tf, s, seed) -> tf.reshape(restore(tf, prefix, name), tf.constant(s.asArray()));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> restore(Ops tf, String prefix, String name) {
    var restored = tf.train.restore(
        tf.constant(prefix), tf.constant(StandardCharsets.UTF_8, new String[] {name}),
        tf.constant(StandardCharsets.UTF_8, new String[] {""}), List.of(TFloat32.class));
    return (Operand<TFloat32>) restored.tensors().get(0);
  }
}
