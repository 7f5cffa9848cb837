package io.tsllm.heads.forecast;

import io.tsllm.heads.common.StepProjection;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.HeadOutput;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * GPT4TS's forecasting head: flatten each sequence's hidden states and project them linearly to the horizon;
 * outputs go back through the embedder's de-normalization. Trained with MSE on the scaled data.
 */
public final class ForecastHead implements Head<ForecastHeadConfig> {

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public Class<ForecastHeadConfig> configType() {
    return ForecastHeadConfig.class;
  }

  @Override
  public String description() {
    return "flatten + linear to the horizon, MSE (or L1) loss; metrics MSE/MAE scaled and original, naive baseline";
  }

  @Override
  public void checkCompatible(ForecastHeadConfig config, WindowShape shape, ConfigProblems problems) {
    if (shape.targetKind() != TargetKind.FUTURE) {
      problems.reject("type", "forecast", "a dataset whose targets are future steps (csv, npy); this one has "
          + (shape.isClassification() ? "classes " + shape.classes()
              : shape.targetKind().name().toLowerCase(java.util.Locale.ROOT) + " targets"));
      return;
    }
    problems.check(
        shape.targetChannels() >= 1 && shape.targetChannels() <= shape.channels(),
        "type",
        "forecast",
        "a dataset whose targets are among the input's " + shape.channels() + " channels (found "
            + shape.targetChannels() + " target channels)");
  }

  @Override
  public void checkTokens(ForecastHeadConfig config, FeatureTokens tokens, ConfigProblems problems) {
    problems.check(config.features() == null || config.features() <= tokens.width(), "features", config.features(),
        "at most the backbone's width (" + tokens.width() + ")");
    problems.check(!config.dlinear() || (tokens.channelsPerSequence() == 1 && tokens.prefixCount() == 0),
        "projection", "dlinear", "an embedder that makes each channel its own sequence, without prefix tokens "
            + "(decomposition, patch)");
  }

  @Override
  public HeadContract contract(ForecastHeadConfig config, WindowShape shape) {
    return HeadContract.predicting(OutputRole.FORECAST,
            new ChannelSpan(shape.inputChannelOfTarget(0), shape.targetChannels()))
        .withMetrics(ForecastEvaluator.METRICS.toArray(MetricSpec[]::new))
        .withBaseline(ForecastEvaluator.NAIVE);
  }

  @Override
  public HeadOutput build(
      GraphContext context,
      ForecastHeadConfig config,
      FeatureTokens tokens,
      Operand<TFloat32> hidden,
      Operand<TFloat32> target) {
    Ops tf = context.tf();
    Operand<TFloat32> prediction = config.dlinear()
        ? DLinearProjection.project(context, tokens, hidden, context.windowShape().targetLength(),
            config.individual())
        : StepProjection.project(context, tokens, hidden, context.windowShape().targetLength(),
            config.dropout().floatValue(), config.features() == null ? tokens.width() : config.features());
    WindowShape shape = context.windowShape();
    if (shape.targetChannels() < shape.channels()) {
      // MS: every channel is forecast, the targets (the last channels) are kept, as Time-Series-Library does.
      prediction = tf.slice(prediction, tf.constant(new int[] {0, 0, shape.inputChannelOfTarget(0)}),
          tf.constant(new int[] {-1, -1, shape.targetChannels()}));
    }
    Operand<TFloat32> error = config.loss().equals("l1")
        ? tf.math.abs(tf.math.sub(prediction, target)) : tf.math.squaredDifference(prediction, target);
    Operand<TFloat32> loss = tf.math.mean(error, tf.constant(new int[] {0, 1, 2}));
    return new HeadOutput(prediction, loss);
  }

  @Override
  public Evaluator evaluator(ForecastHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new ForecastEvaluator(shape, scaler);
  }
}
