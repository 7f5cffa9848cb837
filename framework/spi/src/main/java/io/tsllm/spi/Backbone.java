package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A sequence model over feature tokens, e.g. GPT-2.
 *
 * @param <C> the backbone's config type
 */
public interface Backbone<C extends PluginConfig> extends Plugin<C> {

  /** The token width the backbone consumes and produces. */
  int width(C config);

  /** Reports settings that cannot work with this many tokens per sequence (e.g. more than its positions). */
  default void checkCompatible(C config, int tokenCount, ConfigProblems problems) {}

  /** Encodes tokens {@code [sequences, count, width]} into hidden states of the same shape. */
  Operand<TFloat32> encode(GraphContext context, C config, Operand<TFloat32> tokens);
}
