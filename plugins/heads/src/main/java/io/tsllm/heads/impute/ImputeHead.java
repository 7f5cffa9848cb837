package io.tsllm.heads.impute;

import io.tsllm.heads.common.StepProjection;
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
import io.tsllm.spi.MetricSpec;
import io.tsllm.spi.OutputRole;
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.PreparedInput;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Imputation (GPT4TS): points of the window are hidden (set to 0) before the embedder, at random with
 * {@code mask_ratio} in training and evaluation, and wherever the input is NaN; the window is reconstructed (flatten
 * + linear, back through the embedder's de-normalization) and trained with MSE on the hidden points only. Predicts
 * the window with its hidden points filled in and the observed ones kept; the output {@code mask} marks the hidden
 * points (1). An exported model hides only the NaN points its caller passes.
 */
public final class ImputeHead implements Head<ImputeHeadConfig> {

  static final String MASK = "mask";

  @Override
  public String name() {
    return "impute";
  }

  @Override
  public Class<ImputeHeadConfig> configType() {
    return ImputeHeadConfig.class;
  }

  @Override
  public String description() {
    return "imputation: random masking at mask_ratio (and NaN points), MSE/MAE on hidden points only;"
        + " zero and interpolation baselines";
  }

  @Override
  public void checkCompatible(ImputeHeadConfig config, WindowShape shape, ConfigProblems problems) {
    problems.check(shape.targetKind() != TargetKind.CLASS, "type", "impute",
        "a dataset of series windows; targets are ignored (this one has classes " + shape.classes() + ")");
  }

  @Override
  public HeadContract contract(ImputeHeadConfig config, WindowShape shape) {
    ChannelSpan all = new ChannelSpan(0, shape.channels());
    return HeadContract.predicting(OutputRole.FILLED_SERIES, all)
        .withOutput(OutputSpec.of(MASK, OutputRole.MASK))
        .withMetrics(MetricSpec.lowerKey("mse", "mean squared error on the hidden points, scaled data"),
            MetricSpec.lowerKey("mae", "mean absolute error on the hidden points, scaled data"))
        .withBaseline(new Baseline("naive", "naive_", "fills hidden points with 0 (the scaled mean)"))
        .withBaseline(new Baseline("interpolation", "interp_", "linear interpolation between observed neighbours"));
  }

  /** Hides NaN inputs, and a random draw when the protocol's masks apply; drawn once, here. */
  @Override
  public PreparedInput prepareInput(GraphContext context, ImputeHeadConfig config, Operand<TFloat32> series) {
    Ops tf = context.tf();
    Operand<TFloat32> noise = context.uniformNoise(tf.shape(series), "mask");
    Operand<TBool> drawn = tf.math.logicalAnd(
        tf.math.less(noise, tf.constant(config.maskRatio().floatValue())),
        tf.broadcastTo(context.protocolMasks(), tf.shape(series)));
    Operand<TBool> hidden = tf.math.logicalOr(drawn, tf.math.isNan(series));
    return PreparedInput.masked(tf.select(hidden, tf.zerosLike(series), series),
        tf.dtypes.cast(tf.math.logicalNot(hidden), TFloat32.class));
  }

  @Override
  public HeadOutput build(GraphContext context, ImputeHeadConfig config, FeatureTokens tokens,
      Operand<TFloat32> hidden, Operand<TFloat32> target) {
    Ops tf = context.tf();
    Operand<TFloat32> input = context.input();
    Operand<TFloat32> observed = context.observed().orElseThrow(
        () -> new IllegalStateException("the framework did not pass on the mask of prepareInput"));
    Operand<TFloat32> mask = tf.math.sub(tf.onesLike(observed), observed);
    Operand<TBool> masked = tf.math.less(observed, tf.constant(0.5f));
    Operand<TFloat32> reconstruction = StepProjection.project(
        context, tokens, hidden, context.windowShape().inputLength(), config.dropout().floatValue());
    // Hidden points with a known value (not NaN) are what the loss learns from.
    Operand<TBool> missing = tf.math.isNan(input);
    Operand<TFloat32> scored = tf.dtypes.cast(tf.math.logicalAnd(masked, tf.math.logicalNot(missing)), TFloat32.class);
    Operand<TFloat32> truth = tf.select(missing, tf.zerosLike(input), input);
    Operand<TFloat32> squared = tf.math.mul(tf.math.squaredDifference(reconstruction, truth), scored);
    Operand<TInt32> all = tf.constant(new int[] {0, 1, 2});
    Operand<TFloat32> loss = tf.math.div(tf.reduceSum(squared, all),
        tf.math.maximum(tf.reduceSum(scored, all), tf.constant(1f)));
    Operand<TFloat32> prediction = tf.select(masked, reconstruction, input);
    return new HeadOutput(prediction, loss, Map.of(MASK, mask));
  }

  @Override
  public Evaluator evaluator(ImputeHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new ImputeEvaluator(shape);
  }
}
