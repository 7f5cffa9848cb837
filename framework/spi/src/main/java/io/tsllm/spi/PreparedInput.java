package io.tsllm.spi;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What the embedder sees, from {@link Head#prepareInput}, and which of its points are real observations.
 *
 * @param series the windows the embedder embeds {@code [batch, input_length, channels]}
 * @param observed 1 where {@code series} holds an observed value, 0 where the head hid one; empty when every value
 *     is observed. Embedders compute statistics over observed values only; heads read it back through
 *     {@link GraphContext#observed()}
 */
public record PreparedInput(Operand<TFloat32> series, Optional<Operand<TFloat32>> observed) {

  /** The windows as the dataset gave them, every value observed. */
  public static PreparedInput unchanged(Operand<TFloat32> series) {
    return new PreparedInput(series, Optional.empty());
  }

  /** Windows with hidden points, {@code observed} marking the others. */
  public static PreparedInput masked(Operand<TFloat32> series, Operand<TFloat32> observed) {
    return new PreparedInput(series, Optional.of(observed));
  }
}
