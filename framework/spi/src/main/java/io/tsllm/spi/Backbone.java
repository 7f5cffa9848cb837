package io.tsllm.spi;

import java.util.EnumSet;
import java.util.Set;
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

  /**
   * Which of the backbone's parameters train, by role ({@link ParameterRole#BACKBONE},
   * {@link ParameterRole#LAYER_NORM}, {@link ParameterRole#POSITION_EMBEDDING}, {@link ParameterRole#ADAPTER}).
   * The rest are frozen: they get no gradients and no optimizer state. Embedder and head parameters always train.
   * The default trains everything.
   */
  default Set<ParameterRole> trainableRoles(C config) {
    return EnumSet.allOf(ParameterRole.class);
  }

  /** Reports settings that cannot work with this many tokens per sequence (e.g. more than its positions). */
  default void checkCompatible(C config, int tokenCount, ConfigProblems problems) {}

  /**
   * The backbone's input word embedding {@code [vocabulary, width]}, for embedders that work in its vocabulary
   * (Time-LLM's text prototypes and prompt); empty, the default, when it has none. A parameter of role
   * {@link ParameterRole#BACKBONE} (so frozen unless the backbone trains whole). Called at most once per graph,
   * before {@link #encode}.
   */
  default java.util.Optional<Operand<TFloat32>> wordEmbeddings(GraphContext context, C config) {
    return java.util.Optional.empty();
  }

  /** Encodes tokens {@code [sequences, count, width]} into hidden states of the same shape. */
  Operand<TFloat32> encode(GraphContext context, C config, Operand<TFloat32> tokens);
}
