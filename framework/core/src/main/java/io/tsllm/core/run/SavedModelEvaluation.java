package io.tsllm.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.spi.ChannelScaler;
import io.tsllm.spi.Evaluator;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.WindowShape;
import io.tsllm.spi.WindowSplit;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates an exported model on the test split of its experiment, through the SavedModel alone (the same path a
 * Python or TF Serving user takes): windows go in in original units, forecasts come out in original units, and the
 * head's metrics are computed as in training.
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
      Evaluator evaluator = head.evaluator(section.config(), shape, scaler);
      WindowSplit test = prepared.dataset().test();
      int batch = prepared.config().training().evalBatchSize();
      float[] scaledInputs = new float[batch * shape.inputSize()];
      float[] rawInputs = new float[batch * shape.inputSize()];
      float[] targets = new float[batch * shape.targetSize()];
      for (int start = 0; start < test.size(); start += batch) {
        int n = Math.min(batch, test.size() - start);
        for (int i = 0; i < n; i++) {
          test.copyInput(start + i, scaledInputs, i * shape.inputSize());
          test.copyTarget(start + i, targets, i * shape.targetSize());
        }
        convert(scaledInputs, rawInputs, n * shape.inputSize(), shape.channels(), 0, scaler, true);
        float[] forecast = runner.predict(rawInputs, n);
        float[] scaledForecast = new float[forecast.length];
        convert(forecast, scaledForecast, forecast.length, shape.targetChannels(), shape.inputChannelOfTarget(0),
            shape.isClassification() ? Optional.empty() : scaler, false);
        evaluator.add(scaledInputs, scaledForecast, targets, n);
      }
      Map<String, Double> metrics = evaluator.metrics();
      if (run.isPresent()) {
        ObjectNode report = mapper.createObjectNode();
        report.put("model", model.toAbsolutePath().toString());
        report.put("test_windows", test.size());
        report.set("test", mapper.valueToTree(metrics));
        try {
          AtomicFiles.write(run.get().resolve(REPORT), mapper.writeValueAsBytes(report));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException("cannot write " + run.get().resolve(REPORT), e);
        }
      }
      return metrics;
    }
  }

  /**
   * Scaled to original units ({@code inverse}) or back, per channel of the last axis; channel {@code c} uses the
   * scaler's statistics of channel {@code firstChannel + c}.
   */
  private static void convert(float[] from, float[] to, int count, int channels, int firstChannel,
      Optional<ChannelScaler> scaler, boolean inverse) {
    for (int i = 0; i < count; i++) {
      if (scaler.isEmpty()) {
        to[i] = from[i];
      } else {
        int c = firstChannel + i % channels;
        to[i] = (float) (inverse ? scaler.get().inverse(from[i], c) : scaler.get().scale(from[i], c));
      }
    }
  }

  private JsonNode read(Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage());
    }
  }
}
