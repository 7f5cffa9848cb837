package io.tsllm.spi;

import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A task head: decodes the backbone's hidden states into predictions and defines the loss and metrics.
 *
 * <p>The framework calls, in order: {@link #checkCompatible} (before any graph exists), {@link #contract},
 * {@link #prepareInput}, then (after the embedder and backbone) {@link #build}; during training, {@link #evaluator}
 * for each validation pass; after it, {@link #calibrator} over the training split and {@link #evaluator} over the
 * test split. A head may assume that
 * its input windows are {@code [batch, input_length, channels]} in the dataset's scaled units, with NaN only where
 * the data had gaps the loader kept (imputation data, or a served model's caller), and that {@code target} is laid
 * out as the dataset's {@link WindowShape} says.
 *
 * @param <C> the head's config type
 */
public interface Head<C extends PluginConfig> extends Plugin<C> {

  /** Reports settings that cannot work with this data (e.g. a forecast head on a dataset without horizon). */
  default void checkCompatible(C config, WindowShape shape, ConfigProblems problems) {}

  /**
   * Reports settings that cannot work with the embedder's tokens (e.g. a decoder that needs
   * {@link FeatureTokens#latentPatching} from an embedder that has none), once they exist and before the backbone
   * and the head are built; the problems are reported with the head's JSON paths, before any training.
   */
  default void checkTokens(C config, FeatureTokens tokens, ConfigProblems problems) {}

  /**
   * What this head produces for data of {@code shape}: the role of its prediction and further outputs, its metrics
   * and their directions, its baselines and calibration values. {@link #build} must return exactly the outputs
   * declared here, with the layouts their roles fix; the framework checks both when it builds the graph.
   */
  HeadContract contract(C config, WindowShape shape);

  /**
   * What the embedder sees, and which of its points are observed: e.g. an imputation head hides points (drawing the
   * mask once, here) and says which it left. The default hands the windows on unchanged, every point observed. The
   * observed mask reaches the embedder and the head's {@link #build} through {@link GraphContext#observed()}.
   *
   * @param series {@code [batch, input_length, channels]}, scaled
   */
  default PreparedInput prepareInput(GraphContext context, C config, Operand<TFloat32> series) {
    return PreparedInput.unchanged(series);
  }

  /**
   * Builds prediction, loss and the further outputs the {@link #contract} declares.
   *
   * @param tokens the embedder's tokens, for their layout and {@link FeatureTokens#toSeries}
   * @param hidden the backbone's output {@code [sequences, count, width]}
   * @param target the batch's targets, laid out as the dataset's {@link WindowShape} says
   */
  HeadOutput build(
      GraphContext context, C config, FeatureTokens tokens, Operand<TFloat32> hidden, Operand<TFloat32> target);

  /**
   * A fresh evaluator for one pass over a split: each validation pass (with an empty {@code calibration}) and the
   * test pass (with what the {@link #calibrator} measured, or empty without one).
   *
   * @param scaler the dataset's scaler, to report metrics on the original scale as well
   * @param calibration the calibrator's values by {@link CalibrationValue#name()}
   */
  Evaluator evaluator(C config, WindowShape shape, Optional<ChannelScaler> scaler, Map<String, Double> calibration);

  /**
   * An evaluator the framework runs over the whole training split, with the trained model, before the test pass;
   * its metrics (the values {@link HeadContract#calibration()} declares) become the {@code calibration} of the
   * test evaluator, e.g. an anomaly threshold at a percentile of the training scores. Empty (the default) when the
   * head needs none.
   */
  default Optional<Evaluator> calibrator(C config, WindowShape shape) {
    return Optional.empty();
  }
}
