package io.tsllm.spi;

import java.util.Map;
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
   * Transforms the (scaled) input windows before the embedder sees them, e.g. hides points an imputation head must
   * fill in. Called before {@link #build}; the default hands the windows on unchanged.
   *
   * @param series {@code [batch, input_length, channels]}
   */
  default Operand<TFloat32> prepareInput(GraphContext context, C config, Operand<TFloat32> series) {
    return series;
  }

  /**
   * Which points of the windows {@link #prepareInput} left observed (1) and which it hid (0), so that an embedder
   * can compute its statistics (instance normalization) over real values only, as GPT4TS's imputation does. Empty
   * (the default) when nothing is hidden. Must agree with {@link #prepareInput} for the same context.
   */
  default Optional<Operand<TFloat32>> observedMask(GraphContext context, C config, Operand<TFloat32> series) {
    return Optional.empty();
  }

  /**
   * The input channels the prediction's last axis holds, when it holds input channels (a forecast, a
   * reconstruction): the framework then scales exported predictions back to original units. Empty (the default)
   * for outputs without units of the input, such as class probabilities or regression values.
   */
  default Optional<ChannelSpan> predictionChannels(C config, WindowShape shape) {
    return Optional.empty();
  }

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

  /**
   * An evaluator the framework runs over the whole training split, with the trained model, before the test pass;
   * its metrics become the {@code calibration} of the test evaluator (e.g. an anomaly threshold at a percentile of
   * the training scores). Empty (the default) when the head needs none.
   */
  default Optional<Evaluator> calibrator(C config, WindowShape shape) {
    return Optional.empty();
  }

  /**
   * The test evaluator, given what the {@link #calibrator} measured on the training split (empty without one).
   * Defaults to {@link #evaluator(PluginConfig, WindowShape, Optional)}.
   */
  default Evaluator evaluator(C config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return evaluator(config, shape, scaler);
  }
}
