package com.example.tsllm.starter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.tsllm.spi.Baseline;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadContract;
import io.tsllm.spi.HeadOutput;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A head: forecasts every channel {@code target_length} steps ahead from the flattened tokens of each sequence,
 * trained with the absolute error (a median forecast, robust to outliers). It declares its prediction a
 * {@code FORECAST} of all channels, so tsllm writes its prediction files and forecast plot, exports it in the data's
 * units and serves it with {@code predict}; and it declares its own metrics ({@code smape}, {@code mae}) and
 * baseline (the window's mean, {@code mean_}), which tsllm's console table, {@code runs} and reports show.
 */
public final class L1ForecastHead implements Head<L1ForecastHead.Config> {

  /** The head's config. */
  public record Config(
      @JsonPropertyDescription("standard deviation of the output layer's initial weights") Double initScale)
      implements PluginConfig {

    public Config {
      initScale = initScale == null ? 0.02 : initScale;
    }

    @Override
    public void validate(ConfigProblems problems) {
      problems.check(initScale > 0, "init_scale", initScale, "a number > 0");
    }
  }

  static final Baseline MEAN = new Baseline("mean", "mean_", "forecasts each window's mean");

  @Override
  public String name() {
    return "starter-l1-forecast";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public String description() {
    return "starter plugin: linear forecast of every channel trained with the absolute error; sMAPE and MAE";
  }

  @Override
  public void checkCompatible(Config config, WindowShape shape, ConfigProblems problems) {
    problems.check(shape.targetKind() == TargetKind.FUTURE && shape.targetChannels() == shape.channels(), "type",
        name(), "a dataset whose targets are the future of every input channel");
  }

  @Override
  public HeadContract contract(Config config, WindowShape shape) {
    return HeadContract.predicting(OutputRole.FORECAST, new ChannelSpan(0, shape.channels()))
        .withMetrics(
            MetricSpec.lowerKey("smape", "symmetric mean absolute percentage error in the data's units, 0 to 200"),
            MetricSpec.lowerKey("mae", "mean absolute error on the scaled data"))
        .withBaseline(MEAN);
  }

  @Override
  public HeadOutput build(GraphContext context, Config config, FeatureTokens tokens, Operand<TFloat32> hidden,
      Operand<TFloat32> target) {
    Ops tf = context.tf();
    int features = tokens.count() * tokens.width();
    int outputs = context.windowShape().targetLength() * tokens.channelsPerSequence();
    var weight = context.parameter("out.weight", ParameterRole.HEAD, Shape.of(features, outputs),
        Initializers.normal(config.initScale().floatValue()));
    var bias = context.parameter("out.bias", ParameterRole.HEAD, Shape.of(outputs), Initializers.zeros());
    Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, features}));
    Operand<TFloat32> prediction = tokens.toSeries(tf, tf.math.add(tf.linalg.matMul(flat, weight), bias));
    Operand<TFloat32> loss = tf.math.mean(tf.math.abs(tf.math.sub(prediction, target)),
        tf.constant(new int[] {0, 1, 2}));
    return new HeadOutput(prediction, loss);
  }

  @Override
  public Evaluator evaluator(Config config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new L1ForecastEvaluator(shape, scaler);
  }
}
