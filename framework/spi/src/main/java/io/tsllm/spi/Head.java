package io.tsllm.spi;

import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A task head: decodes the backbone's hidden states into predictions and defines the loss and metrics.
 *
 * @param <C> the head's config type
 */
public interface Head<C extends PluginConfig> extends Plugin<C> {

  /** Reports settings that cannot work with this data (e.g. a forecast head on a dataset without horizon). */
  default void checkCompatible(C config, WindowShape shape, ConfigProblems problems) {}

  /**
   * Builds prediction and loss.
   *
   * @param tokens the embedder's tokens, for their layout and {@link FeatureTokens#toSeries}
   * @param hidden the backbone's output {@code [sequences, count, width]}
   * @param target the batch's targets, laid out as the dataset's {@link WindowShape} says
   */
  HeadOutput build(
      GraphContext context, C config, FeatureTokens tokens, Operand<TFloat32> hidden, Operand<TFloat32> target);

  /**
   * A fresh evaluator for one pass over a split.
   *
   * @param scaler the dataset's scaler, to report metrics on the original scale as well
   */
  Evaluator evaluator(C config, WindowShape shape, Optional<ChannelScaler> scaler);
}
