package io.tsllm.heads.pick;

import io.tsllm.spi.Baseline;
import io.tsllm.spi.CalibrationValue;
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
import io.tsllm.spi.OutputSpec;
import io.tsllm.spi.StepFlag;
import io.tsllm.spi.TargetKind;
import io.tsllm.spi.WindowShape;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Detection and phase picking as SeisMoLLM does them: its upsampling decoder ({@link UpsamplingDecoder}) on the
 * un-patched feature sequence gives, per input sample, the probability of each phase (the prediction,
 * {@code [input_length, phases]}) and of an event being present (the {@code detection} output,
 * {@code [input_length]}). Loss: binary cross-entropy per output against the loaders' pick labels and the
 * detection span made from them ({@link PickLabels}), weighted per output. Picks are the peaks of the runs at or
 * above the threshold; metrics in {@link PickEvaluator}.
 */
public final class PickHead implements Head<PickHeadConfig> {

  static final String DETECTION = "detection";

  @Override
  public String name() {
    return "pick";
  }

  @Override
  public Class<PickHeadConfig> configType() {
    return PickHeadConfig.class;
  }

  @Override
  public String description() {
    return "detection and P/S phase picking (SeisMoLLM's upsampling decoder, sigmoid per sample); pick precision,"
        + " recall, F1 and onset residuals within a tolerance";
  }

  @Override
  public void checkCompatible(PickHeadConfig config, WindowShape shape, ConfigProblems problems) {
    if (shape.targetKind() != TargetKind.STEP_LABELS) {
      problems.reject("type", name(), "a dataset with per-sample pick labels (hdf5 or seismic with picks); this one"
          + " has " + shape.targetKind().name().toLowerCase(Locale.ROOT) + " targets");
      return;
    }
    problems.check(shape.targetChannels() == config.phases().size(), "phases", config.phases(),
        "one phase name per pick label of the dataset (it has " + shape.targetChannels() + ": "
            + shape.targetNames() + ")");
  }

  @Override
  public void checkTokens(PickHeadConfig config, FeatureTokens tokens, ConfigProblems problems) {
    if (tokens.latentPatching().isEmpty()) {
      problems.reject("type", name(), "an embedder whose tokens are latent patches of a feature sequence"
          + " (multiscale-conv): SeisMoLLM's picking decoder un-patches them, and this embedder's cannot be");
    }
  }

  @Override
  public HeadContract contract(PickHeadConfig config, WindowShape shape) {
    HeadContract contract = new HeadContract(OutputSpec.of(OutputSpec.PREDICTION, OutputRole.STEP_PROBABILITIES)
        .flagged(new StepFlag(PickEvaluator.THRESHOLD, "picks")), List.of(), List.of(), List.of(), List.of());
    if (config.detection()) {
      contract = contract.withOutput(OutputSpec.of(DETECTION, OutputRole.STEP_SCORE)
          .flagged(new StepFlag(PickEvaluator.THRESHOLD, "detected")));
    }
    for (int c = 0; c < config.phases().size(); c++) {
      String phase = config.phases().get(c);
      String prefix = config.prefix(c);
      contract = contract.withMetrics(
          c == 0 ? MetricSpec.higherKey(prefix + "f1", phase + " pick F1 within the tolerance")
              : MetricSpec.higher(prefix + "f1", phase + " pick F1 within the tolerance"),
          MetricSpec.higher(prefix + "precision", phase + " picks that are true positives"),
          MetricSpec.higher(prefix + "recall", phase + " arrivals picked within the tolerance"),
          MetricSpec.lower(prefix + "residual_mae", phase + " mean absolute onset residual of true positives,"
              + " samples"),
          MetricSpec.lower(prefix + "residual_std", phase + " onset residual standard deviation, samples"));
      if (c > 0) {
        contract = contract.withCalibration(new CalibrationValue(ArrivalCalibrator.gapKey(config, c),
            "median " + phase + " - " + config.phases().get(0) + " gap of the training split, samples"));
      }
      contract = contract.withCalibration(new CalibrationValue(ArrivalCalibrator.arrivalKey(config, c),
          "median " + phase + " arrival of the training split, samples"));
    }
    if (config.detection()) {
      contract = contract.withMetrics(MetricSpec.higher(DetectionScore.PREFIX + "f1",
          "detection F1 over samples"));
    }
    return contract
        .withBaseline(new Baseline("stalta", "stalta_", "classic STA/LTA trigger (" + StaLtaTrigger.STA_SECONDS
            + " s / " + StaLtaTrigger.LTA_SECONDS + " s, on " + StaLtaTrigger.ON + ", off " + StaLtaTrigger.OFF
            + "): first phase at the onset, later phases after the median training gap"))
        .withBaseline(new Baseline("median", "median_", "every window picked at the training split's median"
            + " arrival of each phase"));
  }

  @Override
  public HeadOutput build(GraphContext context, PickHeadConfig config, FeatureTokens tokens,
      Operand<TFloat32> hidden, Operand<TFloat32> target) {
    Ops tf = context.tf();
    int length = context.windowShape().inputLength();
    int phases = config.phases().size();
    int outputs = config.outputs();
    Operand<TFloat32> logits = UpsamplingDecoder.logits(context, config, tokens.latentPatching().orElseThrow(),
        tokens.count(), hidden, length);
    Operand<TFloat32> labels = tf.reshape(target, tf.constant(new int[] {-1, length, phases}));
    if (config.detection()) {
      Operand<TFloat32> detection = PickLabels.detection(tf, labels, length, config.codaFactor().floatValue());
      labels = tf.concat(List.of(tf.expandDims(detection, tf.constant(2)), labels), tf.constant(2));
    }
    // Binary cross-entropy on the logits in the stable form of PyTorch's BCEWithLogitsLoss, the labelled side of
    // each phase weighted by positive_weight: (1 - z) x + (1 + (w - 1) z) (log(1 + exp(-|x|)) + max(-x, 0)).
    float[] positive = new float[outputs];
    java.util.Arrays.fill(positive, config.positiveWeight().floatValue());
    if (config.detection()) {
      positive[0] = 1;
    }
    Operand<TFloat32> labelWeight = tf.math.add(tf.constant(1f), tf.math.mul(tf.math.sub(tf.constant(positive),
        tf.constant(1f)), labels));
    Operand<TFloat32> crossEntropy = tf.math.add(tf.math.mul(tf.math.sub(tf.constant(1f), labels), logits),
        tf.math.mul(labelWeight, tf.math.add(tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))),
            tf.math.maximum(tf.math.neg(logits), tf.constant(0f)))));
    Operand<TFloat32> perOutput = tf.math.mean(crossEntropy, tf.constant(new int[] {0, 1}));
    float[] weights = config.weights();
    float total = 0;
    for (float w : weights) {
      total += w;
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= total;
    }
    Operand<TFloat32> loss = tf.sum(tf.math.mul(perOutput, tf.constant(weights)), tf.constant(0));
    Operand<TFloat32> probabilities = tf.math.sigmoid(logits);
    int first = config.detection() ? 1 : 0;
    Operand<TFloat32> phaseProbabilities = tf.slice(probabilities, tf.constant(new int[] {0, 0, first}),
        tf.constant(new int[] {-1, length, phases}));
    if (!config.detection()) {
      return new HeadOutput(phaseProbabilities, loss);
    }
    Operand<TFloat32> detection = tf.reshape(tf.slice(probabilities, tf.constant(new int[] {0, 0, 0}),
        tf.constant(new int[] {-1, length, 1})), tf.constant(new int[] {-1, length}));
    return new HeadOutput(phaseProbabilities, loss, Map.of(DETECTION, detection));
  }

  @Override
  public Evaluator evaluator(PickHeadConfig config, WindowShape shape, Optional<ChannelScaler> scaler,
      Map<String, Double> calibration) {
    return new PickEvaluator(config, shape.inputLength(), shape.channels(), calibration);
  }

  @Override
  public Optional<Evaluator> calibrator(PickHeadConfig config, WindowShape shape) {
    return Optional.of(new ArrivalCalibrator(config, shape.inputLength()));
  }
}
