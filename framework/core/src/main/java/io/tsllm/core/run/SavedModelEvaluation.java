package io.tsllm.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.ChannelSpan;
import io.tsllm.spi.EvaluationBatch;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates an exported model on the test split of its experiment, through the SavedModel alone (the same path a
 * Python or TF Serving user takes): windows go in in original units, predictions come out in original units, and
 * the head's metrics are computed as in training (after the head's calibration pass over the training split, when
 * it has one).
 */
public final class SavedModelEvaluation {

  public static final String REPORT = "evaluation.json";
  private final ExperimentPreparer preparer;
  private final ObjectMapper mapper;

  @Inject
  public SavedModelEvaluation(ExperimentPreparer preparer, ObjectMapper mapper) {
    this.preparer = preparer;
    this.mapper = mapper;
  }

  /** The run folder a model path belongs to: the folder itself, or the parent of its saved_model/. */
  public static Optional<Path> runFolder(Path model) {
    if (Files.isRegularFile(model.resolve(RunDirectory.CONFIG))) {
      return Optional.of(model);
    }
    Path parent = model.toAbsolutePath().getParent();
    return parent != null && Files.isRegularFile(parent.resolve(RunDirectory.CONFIG)) ? Optional.of(parent)
        : Optional.empty();
  }

  /**
   * @param experiment the experiment file for a SavedModel outside a run folder; null to use the run's own
   * @return the head's metrics on every test window
   */
  @SuppressWarnings("unchecked")
  public Map<String, Double> evaluate(Path model, Path experiment) {
    Optional<Path> run = runFolder(model);
    PreparedExperiment prepared;
    if (experiment != null) {
      prepared = preparer.prepare(experiment);
    } else if (run.isPresent()) {
      JsonNode provenance = read(run.get().resolve(RunDirectory.PROVENANCE));
      Path original = Path.of(provenance.path("experiment_file").asText("."));
      prepared = preparer.prepare(run.get().resolve(RunDirectory.CONFIG), original.toAbsolutePath().getParent());
    } else {
      throw new UserInputException(model + " is not in a run folder: name the experiment with --experiment");
    }
    try (prepared; SavedModelRunner runner = SavedModelRunner.open(model)) {
      WindowShape shape = prepared.dataset().shape();
      if (runner.inputLength() != shape.inputLength() || runner.channels() != shape.channels()) {
        throw new UserInputException(model + " takes windows of " + runner.inputLength() + " x " + runner.channels()
            + ", the experiment's data gives " + shape.inputLength() + " x " + shape.channels());
      }
      var section = prepared.config().head();
      Head<PluginConfig> head = (Head<PluginConfig>) section.plugin().plugin();
      Optional<ChannelScaler> scaler = prepared.dataset().scaler();
      Optional<ChannelSpan> span = head.predictionChannels(section.config(), shape);
      int batch = prepared.config().training().evalBatchSize();
      Map<String, Double> calibration = head.calibrator(section.config(), shape)
          .map(calibrator -> pass(runner, prepared.dataset().train(), calibrator, shape, scaler, span, batch))
          .orElse(Map.of());
      WindowSplit test = prepared.dataset().test();
      Map<String, Double> metrics = pass(runner, test,
          head.evaluator(section.config(), shape, scaler, calibration), shape, scaler, span, batch);
      if (!metrics.isEmpty() && metrics.values().stream().allMatch(v -> v.isNaN())) {
        throw new UserInputException("the " + section.plugin().name() + " head's metrics are undefined through the"
            + " SavedModel alone (they depend on what only the training graph draws, such as imputation's random"
            + " masks); the run's metrics.json holds its test metrics");
      }
      if (run.isPresent()) {
        ObjectNode report = mapper.createObjectNode();
        report.put("model", model.toAbsolutePath().toString());
        report.put("test_windows", test.size());
        report.set("test", mapper.valueToTree(metrics));
        if (!calibration.isEmpty()) {
          report.set("calibration", mapper.valueToTree(calibration));
        }
        try {
          AtomicFiles.write(run.get().resolve(REPORT), mapper.writeValueAsBytes(report));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("cannot write " + run.get().resolve(REPORT), e);
        }
      }
      return metrics;
    }
  }

  /** Every window of {@code split} through the SavedModel into {@code evaluator}, in scaled units as in training. */
  private static Map<String, Double> pass(SavedModelRunner runner, WindowSplit split, Evaluator evaluator,
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
      Map<String, float[]> outputs = new LinkedHashMap<>(runner.call(rawInputs, n));
      float[] prediction = outputs.remove(SavedModelExport.OUTPUT);
      float[] scaledPrediction = new float[prediction.length];
      ChannelUnits.toScaled(prediction, scaledPrediction, prediction.length, span.orElse(null),
          span.isPresent() ? scaler : Optional.empty());
      evaluator.add(new EvaluationBatch(scaledInputs, scaledPrediction, targets, outputs, n));
    }
    return evaluator.metrics();
  }

  private JsonNode read(Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
