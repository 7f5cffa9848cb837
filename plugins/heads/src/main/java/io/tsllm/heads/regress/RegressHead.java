package io.tsllm.heads.regress;

import io.tsllm.heads.common.SeisMoLlmDecoder;
import io.tsllm.heads.common.TokenPooling;
import io.tsllm.spi.Baseline;
import io.tsllm.spi.ChannelScaler;
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
 * Regression of scalar targets per window (e.g. an event's magnitude): with the {@code pooled} decoder, each
 * sequence's hidden states pooled, the sample's sequences concatenated, a linear layer to the values; with the
 * {@code seismollm} decoder, SeisMoLLM's regression head on the un-patched feature sequence (two convolutions of
 * kernel 16 and stride 4, average pooling over steps, a linear layer, a sigmoid scaled to the targets' range). MSE or
 * Huber loss. Predicts {@code [batch, 1, values]} in the targets' units.
 */
public final class RegressHead implements Head<RegressHeadConfig> {

  @Override
  public String name() {
    return "regress";
  }

  @Override
  public Class<RegressHeadConfig> configType() {
    return RegressHeadConfig.class;
  }

  @Override
  public String description() {
    return "pooling + linear to scalar targets, MSE or Huber loss; MSE/MAE/RMSE/R2 beside the mean predictor";
  }

  @Override
  public void checkCompatible(RegressHeadConfig config, WindowShape shape, ConfigProblems problems) {
    problems.check(shape.targetKind() == TargetKind.VALUES, "type", "regress",
        "a dataset with scalar targets per window (e.g. hdf5 with values); this one has "
            + shape.targetKind().name().toLowerCase(java.util.Locale.ROOT) + " targets");
  }

  @Override
  public void checkTokens(RegressHeadConfig config, FeatureTokens tokens, ConfigProblems problems) {
    if (config.seismollm()) {
      SeisMoLlmDecoder.check(tokens, problems, "decoder", config.decoder());
    }
  }

  @Override
  public HeadContract contract(RegressHeadConfig config, WindowShape shape) {
    return HeadContract.predicting(OutputRole.VALUES)
        .withMetrics(MetricSpec.lowerKey("mse", "mean squared error, in the targets' units"),
            MetricSpec.lowerKey("mae", "mean absolute error, in the targets' units"),
            MetricSpec.lower("rmse", "root mean squared error"),
            MetricSpec.higherKey("r2", "coefficient of determination"))
        .withBaseline(new Baseline("naive", "naive_", "the constant mean of the split's targets"));
  }

  @Override
  public HeadOutput build(GraphContext context, RegressHeadConfig config, FeatureTokens tokens,
      Operand<TFloat32> hidden, Operand<TFloat32> target) {
    Ops tf = context.tf();
    WindowShape shape = context.windowShape();
    int values = shape.targetChannels();
    Operand<TFloat32> prediction;
    if (config.seismollm()) {
      // SeisMoLLM's magnitude and distance heads: a sigmoid scaled to the targets' range.
      Operand<TFloat32> logits = SeisMoLlmDecoder.build(context, tokens.latentPatching().orElseThrow(),
          tokens.count(), hidden, values);
      prediction = tf.reshape(tf.math.mul(tf.math.sigmoid(logits), tf.constant(config.scale().floatValue())),
          tf.constant(new int[] {-1, 1, values}));
    } else {
      prediction = tf.reshape(TokenPooling.linear(context, tokens, hidden, config.pooling(),
          config.dropout().floatValue(), values), tf.constant(new int[] {-1, 1, values}));
    }
    Operand<TFloat32> error = tf.math.sub(prediction, target);
    Operand<TFloat32> perValue;
    if ("huber".equals(config.loss())) {
      Operand<TFloat32> delta = tf.constant(config.huberDelta().floatValue());
      Operand<TFloat32> absolute = tf.math.abs(error);
      Operand<TFloat32> quadratic = tf.math.minimum(absolute, delta);
      // 0.5 q^2 + delta (|e| - q): quadratic within delta, linear beyond, as Keras' Huber.
      perValue = tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(quadratic)),
          tf.math.mul(delta, tf.math.sub(absolute, quadratic)));
    } else {
      perValue = tf.math.square(error);
    }
    Operand<TFloat32> loss = tf.math.mean(perValue, tf.constant(new int[] {0, 1, 2}));
    return new HeadOutput(prediction, loss);
  }

  @Override
  public Evaluator evaluator(RegressHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new RegressEvaluator(shape);
  }
}
