package io.tsllm.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.PluginSection;
import io.tsllm.core.config.ResolvedConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.core.model.ParameterTable;
import io.tsllm.core.train.CheckpointStore;
import io.tsllm.core.train.StopSignal;
import io.tsllm.core.train.TaskEvaluators;
import io.tsllm.core.train.Trainer;
import io.tsllm.core.train.TrainingInterruptedException;
import io.tsllm.core.train.TrainingJob;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import io.tsllm.spi.TargetKind;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Session;

/** The {@code run} job: prepare, create (or reopen) the run folder, train, test, export, record everything. */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
  /** Steps between training-loss points in TensorBoard and events.jsonl. */
  private static final int EVENT_EVERY_STEPS = 10;

  private final ExperimentPreparer preparer;
  private final Trainer trainer;
  private final ObjectMapper mapper;
  private final Clock clock;

  @Inject
  public ExperimentRunner(ExperimentPreparer preparer, Trainer trainer, ObjectMapper mapper, Clock clock) {
    this.preparer = preparer;
    this.trainer = trainer;
    this.mapper = mapper;
    this.clock = clock;
  }

  public RunResult run(Path experimentFile, Path outputOverride, List<String> commandLine) {
    return run(experimentFile, new RunOptions(outputOverride, commandLine, null), new StopSignal());
  }

  /** @param stop lets Ctrl-C stop training with a resumable checkpoint */
  public RunResult run(Path experimentFile, RunOptions options, StopSignal stop) {
    List<String> commandLine = options.commandLine();
    try (PreparedExperiment prepared = preparer.prepare(experimentFile, options.overrides())) {
      ExperimentConfig config = prepared.config();
      Path outputRoot = options.outputOverride() != null ? options.outputOverride() : Path.of(config.output().dir());
      requireWritable(outputRoot);
      RunDirectory run = RunDirectory.create(outputRoot, config.name(), mapper, clock);
      run.markRunning();
      try (RunLogFile log = RunLogFile.attach(run.log())) {
        LOG.info("run folder: {}", run.path());
        run.writeJson(RunDirectory.CONFIG, ResolvedConfig.toJson(mapper, config));
        run.writeJson(RunDirectory.PROVENANCE, Provenance.describe(mapper, config, prepared.dataset(),
            Trainer.threads(config.training()), commandLine, clock));
        return execute(prepared, run, false, stop, options);
      }
    }
  }

  /** Continues a run that was interrupted or killed, from its {@code last} checkpoint, exactly. */
  public RunResult resume(Path runFolder, RunOptions options, StopSignal stop) {
    List<String> commandLine = options.commandLine();
    RunDirectory run = RunDirectory.open(runFolder, mapper, clock);
    if ("completed".equals(run.state())) {
      throw new UserInputException(runFolder + " is already completed; nothing to resume");
    }
    JsonNode provenance = readJson(runFolder.resolve(RunDirectory.PROVENANCE));
    Path experiment = Path.of(provenance.path("experiment_file").asText());
    try (PreparedExperiment prepared =
        preparer.prepare(runFolder.resolve(RunDirectory.CONFIG), experiment.toAbsolutePath().getParent())) {
      Provenance.checkSameData(provenance, prepared.dataset());
      run.markRunning();
      try (RunLogFile log = RunLogFile.attach(run.log())) {
        LOG.info("resuming {} ({})", run.path(), String.join(" ", commandLine));
        return execute(prepared, run, true, stop, options);
      }
    }
  }

  private RunResult execute(
      PreparedExperiment prepared, RunDirectory run, boolean resume, StopSignal stop, RunOptions options) {
    ExperimentConfig config = prepared.config();
    stop.started();
    try (TensorBoardWriter tensorBoard = new TensorBoardWriter(run.path(), EVENT_EVERY_STEPS);
        EventLog events = new EventLog(run.path(), mapper, clock, EVENT_EVERY_STEPS, options.events())) {
      describe(prepared);
      run.writeJson(RunDirectory.PARAMETERS, ParameterTable.of(prepared.model()));
      TrainingJob job = new TrainingJob(prepared.model(), prepared.dataset(), evaluators(config.head(), prepared),
          config.training(), config.seed(), new CheckpointStore(run.checkpoints(), mapper));
      TrainingListener export = new TrainingListener() {
        @Override
        public void afterTest(Session session, TrainingOutcome result) {
          if (config.output().savedModel()) {
            SavedModelExport.export(session, prepared.model(), prepared.dataset(), run.path(),
                config.output().mergeLora(), exportMetadata(config, prepared, result));
          }
        }
      };
      List<TrainingListener> listeners = new java.util.ArrayList<>(List.of(tensorBoard, events));
      listeners.addAll(outputs(run.path(), prepared));
      listeners.add(export);
      TrainingOutcome outcome = trainer.train(job, resume, stop, TrainingListener.all(listeners));
      run.writeJson(RunDirectory.METRICS, metrics(outcome, prepared.model()));
      run.recordEnd();
      run.markCompleted();
      LOG.info("test ({} windows, best epoch {}):\n{}", outcome.testWindows(), outcome.bestEpoch(),
          ResultTable.format(outcome.test()));
      LOG.info("outputs: {}", run.path());
      return new RunResult(run, outcome);
    } catch (TrainingInterruptedException e) {
      run.markInterrupted(e.getMessage() + "; continue with: run --resume " + run.path());
      LOG.info("stopped; continue with: run --resume {}", run.path());
      throw e;
    } catch (RuntimeException | Error e) {
      run.markFailed(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
      throw e;
    } finally {
      stop.ended();
    }
  }

  @SuppressWarnings("unchecked")
  private static TaskEvaluators evaluators(PluginSection section, PreparedExperiment prepared) {
    Head<PluginConfig> head = (Head<PluginConfig>) section.plugin().plugin();
    return new TaskEvaluators(head, section.config(), prepared.dataset().shape(), prepared.dataset().scaler());
  }

  /** The files and plots a run's test pass leaves, by what the task predicts. */
  private static List<TrainingListener> outputs(Path folder, PreparedExperiment prepared) {
    var data = prepared.dataset();
    var shape = data.shape();
    List<TrainingListener> outputs = new java.util.ArrayList<>();
    outputs.add(new LossPlot(folder));
    if (shape.targetKind() == TargetKind.CLASS) {
      outputs.add(new ConfusionMatrixPlot(folder, shape));
    } else if (shape.targetKind() == TargetKind.FUTURE && prepared.model().predictionChannels().isPresent()) {
      outputs.add(new PredictionFiles(folder, shape, data.scaler(), data.test().size()));
      outputs.add(new ForecastPlot(folder, shape, data.scaler(), data.test().size()));
    }
    if (prepared.model().outputs().containsKey(AnomalyScorePlot.SCORE)) {
      outputs.add(new AnomalyScorePlot(folder, shape));
    }
    return outputs;
  }

  /** What a served model's user needs to know besides the signature: the task, the window, the threshold. */
  private byte[] exportMetadata(ExperimentConfig config, PreparedExperiment prepared, TrainingOutcome outcome) {
    var shape = prepared.dataset().shape();
    ObjectNode root = mapper.createObjectNode();
    root.put("head", config.head().type());
    root.put("target_kind", shape.targetKind().name().toLowerCase(java.util.Locale.ROOT));
    root.put("input_length", shape.inputLength());
    root.set("channel_names", mapper.valueToTree(shape.channelNames()));
    root.put("target_length", shape.targetLength());
    root.set("target_names", mapper.valueToTree(shape.targetNames()));
    root.set("classes", mapper.valueToTree(shape.classes()));
    root.set("outputs", mapper.valueToTree(prepared.model().outputs().keySet()));
    root.set("calibration", mapper.valueToTree(outcome.calibration()));
    if (outcome.test().containsKey("threshold")) {
      root.put("threshold", outcome.test().get("threshold"));
    }
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void requireWritable(Path outputRoot) {
    try {
      Files.createDirectories(outputRoot);
    } catch (IOException e) {
      throw new UserInputException("output.dir: cannot create " + outputRoot + " (" + e + ")");
    }
    if (!Files.isWritable(outputRoot)) {
      throw new UserInputException("output.dir: " + outputRoot + " is not writable");
    }
  }

  private JsonNode readJson(Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UserInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void describe(PreparedExperiment prepared) {
    var shape = prepared.dataset().shape();
    var data = prepared.dataset();
    LOG.info("data: {} channels {}, input {} steps, target {} steps; windows train {}, validation {}, test {}",
        shape.channels(), shape.channelNames(), shape.inputLength(), shape.targetLength(), data.train().size(),
        data.validation().size(), data.test().size());
    LOG.info("model: {} tokens per sequence; parameters:\n{}", prepared.model().tokenCount(),
        ParameterTable.of(prepared.model()).format());
  }

  private ObjectNode metrics(TrainingOutcome outcome, ModelGraph model) {
    ObjectNode root = mapper.createObjectNode();
    root.set("test", mapper.valueToTree(outcome.test()));
    if (!outcome.calibration().isEmpty()) {
      root.set("calibration", mapper.valueToTree(outcome.calibration()));
    }
    root.put("test_loss", outcome.testLoss());
    root.put("test_windows", outcome.testWindows());
    root.put("best_epoch", outcome.bestEpoch());
    root.put("stopped_early", outcome.stoppedEarly());
    root.set("epochs", mapper.valueToTree(outcome.epochs()));
    root.put("parameters", model.parameters().totalSize());
    root.put("trainable_parameters", ParameterTable.of(model).totalTrainable());
    return root;
  }
}
