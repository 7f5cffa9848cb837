package io.tsllm.heads.reconstruct;

import io.tsllm.heads.common.StepProjection;
import io.tsllm.spi.Baseline;
import io.tsllm.spi.CalibrationValue;
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
import io.tsllm.spi.StepFlag;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Reconstruction-based anomaly detection (GPT4TS): the window is reconstructed step by step (flatten + linear, back
 * through the embedder's de-normalization), trained with MSE against the input; a step's anomaly score is its
 * squared reconstruction error averaged over channels, exported as the output {@code score}; steps scoring above
 * the threshold are flagged.
 */
public final class ReconstructHead implements Head<ReconstructHeadConfig> {

  static final String SCORE = "score";
  static final String FLAG = "anomaly";

  @Override
  public String name() {
    return "reconstruct";
  }

  @Override
  public Class<ReconstructHeadConfig> configType() {
    return ReconstructHeadConfig.class;
  }

  @Override
  public String description() {
    return "reconstruction for anomaly detection: score = squared error per step, percentile or fixed threshold;"
        + " precision/recall/F1 plain and point-adjusted";
  }

  @Override
  public void checkCompatible(ReconstructHeadConfig config, WindowShape shape, ConfigProblems problems) {
    boolean labelled = shape.targetKind() == TargetKind.STEP_LABELS && shape.targetChannels() == 1;
    problems.check(labelled || shape.targetKind() == TargetKind.NONE, "type", "reconstruct",
        "a dataset with one anomaly label per step (nab, smd) or without targets; this one has "
            + shape.targetKind().name().toLowerCase(java.util.Locale.ROOT) + " targets");
  }

  @Override
  public HeadContract contract(ReconstructHeadConfig config, WindowShape shape) {
    HeadContract contract = HeadContract.predicting(OutputRole.RECONSTRUCTION, new ChannelSpan(0, shape.channels()))
        .withOutput(OutputSpec.of(SCORE, OutputRole.STEP_SCORE)
            .flagged(new StepFlag(ThresholdCalibrator.THRESHOLD, FLAG)))
        .withMetrics(MetricSpec.higherKey("f1", "F1 of the flagged steps against the labels"),
            MetricSpec.higherKey("pa_f1", "F1 after point adjustment (a labelled segment counts as found when any"
                + " of its steps is flagged; inflates scores)"),
            MetricSpec.higher("precision", "share of flagged steps that are labelled anomalous"),
            MetricSpec.higher("recall", "share of labelled steps that are flagged"),
            MetricSpec.higher("pa_precision", "precision after point adjustment"),
            MetricSpec.higher("pa_recall", "recall after point adjustment"),
            MetricSpec.lower("mse", "reconstruction mean squared error"),
            MetricSpec.lower("mae", "reconstruction mean absolute error"))
        .withBaseline(new Baseline("naive", "naive_", "flags every step"));
    return "percentile".equals(config.threshold())
        ? contract.withCalibration(new CalibrationValue(ThresholdCalibrator.THRESHOLD,
            "the " + (100 - config.anomalyRatio()) + "th percentile of the training split's scores"))
        : contract;
  }

  @Override
  public HeadOutput build(GraphContext context, ReconstructHeadConfig config, FeatureTokens tokens,
      Operand<TFloat32> hidden, Operand<TFloat32> target) {
    Ops tf = context.tf();
    Operand<TFloat32> reconstruction = StepProjection.project(
        context, tokens, hidden, context.windowShape().inputLength(), config.dropout().floatValue());
    Operand<TFloat32> squared = tf.math.squaredDifference(reconstruction, context.input());
    Operand<TFloat32> loss = tf.math.mean(squared, tf.constant(new int[] {0, 1, 2}));
    Operand<TFloat32> score = tf.math.mean(squared, tf.constant(2), Mean.keepDims(false));
    return new HeadOutput(reconstruction, loss, Map.of(SCORE, score));
  }

  @Override
  public Optional<Evaluator> calibrator(ReconstructHeadConfig config, WindowShape shape) {
    return "percentile".equals(config.threshold())
        ? Optional.of(new ThresholdCalibrator(shape.inputLength(), config.anomalyRatio()))
        : Optional.empty();
  }

  @Override
  public Evaluator evaluator(ReconstructHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    Double threshold = "fixed".equals(config.threshold()) ? config.fixedThreshold()
        : calibration.get(ThresholdCalibrator.THRESHOLD);
    return new AnomalyEvaluator(shape, threshold, shape.targetKind() == TargetKind.STEP_LABELS);
  }
}
