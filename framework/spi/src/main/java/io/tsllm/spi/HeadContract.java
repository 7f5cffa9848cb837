package io.tsllm.spi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a head produces, declared before its graph is built ({@link Head#contract}): the role of its prediction and
 * of each further output, the metrics its evaluator reports with their directions, the baselines scored beside the
 * model, and the values its calibrator measures. The framework's {@code predict}, {@code evaluate}, plots, console
 * table, run summaries and best-epoch choice work from this declaration alone.
 *
 * @param prediction the role of {@link HeadOutput#prediction()}, named {@value OutputSpec#PREDICTION}
 * @param outputs the further outputs, one per key of {@link HeadOutput#outputs()}
 * @param metrics the evaluator's metrics worth declaring (at least the key ones); a training monitor must be one
 * @param baselines the trivial predictors whose metrics the evaluator reports beside the model's
 * @param calibration what the calibrator measures (empty without a calibrator)
 */
public record HeadContract(
    OutputSpec prediction, List<OutputSpec> outputs, List<MetricSpec> metrics, List<Baseline> baselines,
    List<CalibrationValue> calibration) {

  public HeadContract {
    outputs = List.copyOf(outputs);
    metrics = List.copyOf(metrics);
    baselines = List.copyOf(baselines);
    calibration = List.copyOf(calibration);
    if (!OutputSpec.PREDICTION.equals(prediction.name())) {
      throw new IllegalArgumentException("the prediction must be named '" + OutputSpec.PREDICTION + "', got '"
          + prediction.name() + "'");
    }
    Set<String> names = new HashSet<>(Set.of(prediction.name()));
    for (OutputSpec output : outputs) {
      if (!names.add(output.name())) {
        throw new IllegalArgumentException("two outputs are named '" + output.name() + "'");
      }
    }
    Set<String> metricNames = new HashSet<>();
    for (MetricSpec metric : metrics) {
      if (!metricNames.add(metric.name())) {
        throw new IllegalArgumentException("metric '" + metric.name() + "' is declared twice");
      }
    }
  }

  /** A contract whose prediction has {@code role} (holding {@code channels} for roles that need them). */
  public static HeadContract predicting(OutputRole role, Optional<ChannelSpan> channels) {
    return new HeadContract(new OutputSpec(OutputSpec.PREDICTION, role, channels, Optional.empty()), List.of(),
        List.of(), List.of(), List.of());
  }

  /** A contract whose prediction has {@code role}, holding no input channels. */
  public static HeadContract predicting(OutputRole role) {
    return predicting(role, Optional.empty());
  }

  /** A contract whose prediction has {@code role} and holds the input channels {@code channels}. */
  public static HeadContract predicting(OutputRole role, ChannelSpan channels) {
    return predicting(role, Optional.of(channels));
  }

  public HeadContract withOutput(OutputSpec output) {
    return new HeadContract(prediction, append(outputs, output), metrics, baselines, calibration);
  }

  public HeadContract withMetrics(MetricSpec... added) {
    List<MetricSpec> all = new ArrayList<>(metrics);
    all.addAll(List.of(added));
    return new HeadContract(prediction, outputs, all, baselines, calibration);
  }

  public HeadContract withBaseline(Baseline baseline) {
    return new HeadContract(prediction, outputs, metrics, append(baselines, baseline), calibration);
  }

  public HeadContract withCalibration(CalibrationValue value) {
    return new HeadContract(prediction, outputs, metrics, baselines, append(calibration, value));
  }

  /** The prediction followed by the further outputs. */
  public List<OutputSpec> allOutputs() {
    List<OutputSpec> all = new ArrayList<>(List.of(prediction));
    all.addAll(outputs);
    return all;
  }

  public Optional<OutputSpec> output(String name) {
    return allOutputs().stream().filter(o -> o.name().equals(name)).findFirst();
  }

  public Optional<MetricSpec> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public List<MetricSpec> keyMetrics() {
    return metrics.stream().filter(MetricSpec::key).toList();
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> copy = new ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
