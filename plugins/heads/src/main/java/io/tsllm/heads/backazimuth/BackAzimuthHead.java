package io.tsllm.heads.backazimuth;

import io.tsllm.heads.common.SeisMoLlmDecoder;
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
 * Back-azimuth as a circular target, as SeisMoLLM's {@code HeadBAZ} estimates it: its decoder on the un-patched
 * feature sequence ends in two tanh outputs, the cosine and sine of the angle; the loss is the squared distance to
 * the true angle's point on the unit circle, so 359 and 1 degrees are neighbours. Predicts the angle {@code atan2(sin,
 * cos)} in [0, 360) degrees (or [0, 2 pi) radians) as {@code [batch, 1, 1]}.
 */
public final class BackAzimuthHead implements Head<BackAzimuthHeadConfig> {

  @Override
  public String name() {
    return "backazimuth";
  }

  @Override
  public Class<BackAzimuthHeadConfig> configType() {
    return BackAzimuthHeadConfig.class;
  }

  @Override
  public String description() {
    return "back-azimuth on the unit circle (SeisMoLLM's HeadBAZ: cos and sin); angular MAE with wrap-around, R2";
  }

  @Override
  public void checkCompatible(BackAzimuthHeadConfig config, WindowShape shape, ConfigProblems problems) {
    problems.check(shape.targetKind() == TargetKind.VALUES && shape.targetSize() == 1, "type", "backazimuth",
        "a dataset with one angle per window (e.g. hdf5 with values [\"@back_azimuth_deg\"]); this one has "
            + shape.targetKind().name().toLowerCase(java.util.Locale.ROOT) + " targets of size "
            + shape.targetSize());
  }

  @Override
  public void checkTokens(BackAzimuthHeadConfig config, FeatureTokens tokens, ConfigProblems problems) {
    SeisMoLlmDecoder.check(tokens, problems, "type", name());
  }

  @Override
  public HeadContract contract(BackAzimuthHeadConfig config, WindowShape shape) {
    return HeadContract.predicting(OutputRole.VALUES)
        .withMetrics(MetricSpec.lowerKey("mae", "mean angular error in degrees, wrapped to [0, 180]"),
            MetricSpec.lower("rmse", "root mean squared angular error in degrees"),
            MetricSpec.higherKey("r2", "1 - mean squared angular error / the targets' wrapped variance, as"
                + " SeisMoLLM reports it"))
        .withBaseline(new Baseline("naive", "naive_", "the circular mean of the split's angles"));
  }

  @Override
  public HeadOutput build(GraphContext context, BackAzimuthHeadConfig config, FeatureTokens tokens,
      Operand<TFloat32> hidden, Operand<TFloat32> target) {
    Ops tf = context.tf();
    Operand<TFloat32> pair = tf.math.tanh(SeisMoLlmDecoder.build(context, tokens.latentPatching().orElseThrow(),
        tokens.count(), hidden, 2));
    Operand<TFloat32> cos = tf.slice(pair, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, 1}));
    Operand<TFloat32> sin = tf.slice(pair, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, 1}));
    float toRadians = (float) (config.degreesPerUnit() * Math.PI / 180);
    Operand<TFloat32> angle = tf.math.mul(tf.reshape(target, tf.constant(new int[] {-1, 1})),
        tf.constant(toRadians));
    Operand<TFloat32> loss = tf.math.mean(tf.math.add(tf.math.square(tf.math.sub(cos, tf.math.cos(angle))),
        tf.math.square(tf.math.sub(sin, tf.math.sin(angle)))), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> fullTurn = tf.constant((float) (2 * Math.PI));
    Operand<TFloat32> radians = tf.math.floorMod(tf.math.add(tf.math.atan2(sin, cos), fullTurn), fullTurn);
    Operand<TFloat32> prediction = tf.reshape(tf.math.div(radians, tf.constant(toRadians)),
        tf.constant(new int[] {-1, 1, 1}));
    return new HeadOutput(prediction, loss);
  }

  @Override
  public Evaluator evaluator(BackAzimuthHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new AngularEvaluator(config.degreesPerUnit());
  }
}
