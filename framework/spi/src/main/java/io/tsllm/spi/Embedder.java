package io.tsllm.spi;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A front-end: turns a batch of raw windows into feature tokens for the backbone.
 *
 * @param <C> the embedder's config type
 */
public interface Embedder<C extends PluginConfig> extends Plugin<C> {

  /**
   * Reports settings that cannot work with this data and backbone (e.g. a patch longer than the input). Called
   * before the graph is built; field names are relative to the embedder section.
   */
  default void checkCompatible(C config, WindowShape shape, int width, ConfigProblems problems) {}

  /**
   * The int32 inputs this embedder needs computed on the host for every batch (see {@link HostInput}); none by
   * default. Called before the graph is built and again where an exported model is served, so it may depend only on
   * the config, the window shape and files the config names.
   *
   * @param resolve resolves a path from the experiment (relative to the experiment file's folder)
   */
  default java.util.List<HostInput> hostInputs(C config, WindowShape shape,
      java.util.function.Function<String, java.nio.file.Path> resolve) {
    return java.util.List.of();
  }

  /**
   * Builds the embedding.
   *
   * @param series a batch of windows {@code [batch, input_length, channels]}
   * @param width the backbone's token width
   */
  FeatureTokens embed(GraphContext context, C config, Operand<TFloat32> series, int width);
}
