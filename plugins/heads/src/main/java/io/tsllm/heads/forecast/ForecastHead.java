package io.tsllm.heads.forecast;

import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ConfigProblems;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.FeatureTokens;
import io.tsllm.spi.GraphContext;
import io.tsllm.spi.Head;
import io.tsllm.spi.HeadOutput;
import io.tsllm.spi.Initializers;
import io.tsllm.spi.ParameterRole;
import io.tsllm.spi.WindowShape;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
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
    return "flatten + linear to the horizon, MSE loss; metrics MSE/MAE scaled and original, naive baseline";
  }

  @Override
  public void checkCompatible(ForecastHeadConfig config, WindowShape shape, ConfigProblems problems) {
    if (shape.isClassification()) {
      problems.reject("type", "forecast", "a head for labelled data: this dataset has classes " + shape.classes());
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
  public HeadOutput build(
      GraphContext context,
      ForecastHeadConfig config,
      FeatureTokens tokens,
      Operand<TFloat32> hidden,
      Operand<TFloat32> target) {
    Ops tf = context.tf();
    int outputs = context.windowShape().targetLength() * tokens.channelsPerSequence();
    int flatWidth = tokens.count() * tokens.width();
    Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, flatWidth}));
    flat = context.dropout(flat, config.dropout().floatValue());
    float limit = (float) (1 / Math.sqrt(flatWidth));
    var weight = context.parameter(
        "out_layer.weight", ParameterRole.HEAD, Shape.of(flatWidth, outputs), Initializers.uniform(limit));
    var bias = context.parameter("out_layer.bias", ParameterRole.HEAD, Shape.of(outputs), Initializers.uniform(limit));
    Operand<TFloat32> perSequence = tf.math.add(tf.linalg.matMul(flat, weight), bias);
    Operand<TFloat32> prediction = tokens.toSeries(tf, perSequence);
    WindowShape shape = context.windowShape();
    if (shape.targetChannels() < shape.channels()) {
      // MS: every channel is forecast, the targets (the last channels) are kept, as Time-Series-Library does.
      prediction = tf.slice(prediction, tf.constant(new int[] {0, 0, shape.inputChannelOfTarget(0)}),
          tf.constant(new int[] {-1, -1, shape.targetChannels()}));
    }
    Operand<TFloat32> loss = tf.math.mean(
        tf.math.squaredDifference(prediction, target), tf.constant(new int[] {0, 1, 2}));
    return new HeadOutput(prediction, loss);
  }

  @Override
  public Evaluator evaluator(ForecastHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler) {
    return new ForecastEvaluator(shape, scaler);
  }
}
