package io.tsllm.core.run;

import io.tsllm.core.UserInputException;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.core.serve.ChannelUnits;
import io.tsllm.core.serve.ExportMetadata;
import io.tsllm.core.serve.HostInputRebuilder;
import io.tsllm.core.serve.SavedModelExport;
import io.tsllm.core.serve.ServedModel;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates an exported model on the test split of its experiment, through the SavedModel alone (the same path a
 * Python or TF Serving user takes): windows go in in original units, outputs come out in original units, and the
 * head's metrics are computed as in training (after the head's calibration pass over the training split, when it
 * has one). A model in a run folder gets {@value #REPORT} there.
 */
public final class ExportEvaluation {

  public static final String REPORT = "evaluation.json";
  private final ExperimentPreparer preparer;
  private final JsonRecords records;
  private final Clock clock;
  private final HostInputRebuilder hostInputs;

  /** {@value #REPORT}: the test metrics of the export alone. */
  public record Report(String model, int testWindows, Map<String, Double> test, Map<String, Double> calibration) {}

  @Inject
  public ExportEvaluation(ExperimentPreparer preparer, JsonRecords records, Clock clock,
      HostInputRebuilder hostInputs) {
    this.hostInputs = hostInputs;
    this.preparer = preparer;
    this.records = records;
    this.clock = clock;
  }

  /**
   * @param experiment the experiment file for a SavedModel outside a run folder; null to use the run's own
   * @return the head's metrics on every test window
   */
  @SuppressWarnings("unchecked")
  public Map<String, Double> evaluate(Path model, Path experiment) {
    Optional<RunDirectory> run = RunDirectory.containing(model).map(folder -> RunDirectory.open(folder, records,
        clock));
    PreparedExperiment prepared;
    if (experiment != null) {
      prepared = preparer.prepare(experiment);
    } else if (run.isPresent()) {
      prepared = run.get().reopen(preparer);
    } else {
      throw new UserInputException(model + " is not in a run folder: name the experiment with --experiment");
    }
    ExportMetadata described = ServedModel.describe(model, records);
    try (prepared; ServedModel served = ServedModel.open(model, described, hostInputs.rebuild(model, described))) {
      WindowShape shape = prepared.dataset().shape();
      if (served.inputLength() != shape.inputLength() || served.channels() != shape.channels()) {
        throw new UserInputException(model + " takes windows of " + served.inputLength() + " x " + served.channels()
            + ", the experiment's data gives " + shape.inputLength() + " x " + shape.channels());
      }
      var section = prepared.config().head();
      Head<PluginConfig> head = (Head<PluginConfig>) section.plugin().plugin();
      Optional<ChannelScaler> scaler = prepared.dataset().scaler();
      Optional<ChannelSpan> span = prepared.model().predictionChannels();
      int batch = prepared.config().training().evalBatchSize();
      Map<String, Double> calibration = head.calibrator(section.config(), shape)
          .map(calibrator -> pass(served, prepared.dataset().train(), calibrator, shape, scaler, span, batch))
          .orElse(Map.of());
      WindowSplit test = prepared.dataset().test();
      Map<String, Double> metrics = pass(served, test,
          head.evaluator(section.config(), shape, scaler, calibration), shape, scaler, span, batch);
      if (!metrics.isEmpty() && metrics.values().stream().allMatch(v -> v.isNaN())) {
        throw new UserInputException("the " + section.plugin().name() + " head's metrics are undefined through the"
            + " SavedModel alone (they depend on what only the training graph draws, such as imputation's random"
            + " masks); the run's metrics.json holds its test metrics");
      }
      run.ifPresent(folder -> folder.write(REPORT, new Report(model.toAbsolutePath().toString(), test.size(),
          metrics, calibration)));
      return metrics;
    }
  }

  /** Every window of {@code split} through the SavedModel into {@code evaluator}, in scaled units as in training. */
  private static Map<String, Double> pass(ServedModel served, WindowSplit split, Evaluator evaluator,
      WindowShape shape, Optional<ChannelScaler> scaler, Optional<ChannelSpan> span, int batch) {
    float[] scaledInputs = new float[batch * shape.inputSize()];
    float[] rawInputs = new float[batch * shape.inputSize()];
    float[] targets = new float[batch * shape.targetSize()];
    for (int start = 0; start < split.size(); start += batch) {
      int n = Math.min(batch, split.size() - start);
      for (int i = 0; i < n; i++) {
        split.copyInput(start + i, scaledInputs, i * shape.inputSize());
        split.copyTarget(start + i, targets, i * shape.targetSize());
      }
      ChannelUnits.toOriginal(scaledInputs, rawInputs, n * shape.inputSize(), new ChannelSpan(0, shape.channels()),
          scaler);
      Map<String, float[]> outputs = new LinkedHashMap<>(served.call(rawInputs, n));
      float[] prediction = outputs.remove(SavedModelExport.OUTPUT);
      float[] scaledPrediction = new float[prediction.length];
      ChannelUnits.toScaled(prediction, scaledPrediction, prediction.length, span.orElse(null),
          span.isPresent() ? scaler : Optional.empty());
      evaluator.add(new EvaluationBatch(scaledInputs, scaledPrediction, targets, outputs, n));
    }
    return evaluator.metrics();
  }
}
