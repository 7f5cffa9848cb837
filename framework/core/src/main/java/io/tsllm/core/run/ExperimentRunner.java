package io.tsllm.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.PluginSection;
import io.tsllm.core.config.ResolvedConfig;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.core.model.ParameterTable;
import io.tsllm.core.train.CheckpointStore;
import io.tsllm.core.train.Trainer;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code run} job: prepare, create the run folder, train, test, record everything. */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

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

  /**
   * @param outputOverride replaces the config's {@code output.dir} when not null
   * @param commandLine recorded in provenance
   */
  public RunResult run(Path experimentFile, Path outputOverride, List<String> commandLine) {
    try (PreparedExperiment prepared = preparer.prepare(experimentFile)) {
      ExperimentConfig config = prepared.config();
      Path outputRoot = outputOverride != null ? outputOverride : Path.of(config.output().dir());
      requireWritable(outputRoot);
      RunDirectory run = RunDirectory.create(outputRoot, config.name(), mapper, clock);
      run.markRunning();
      try (RunLogFile log = RunLogFile.attach(run.log())) {
        LOG.info("run folder: {}", run.path());
        run.writeJson(RunDirectory.CONFIG, ResolvedConfig.toJson(mapper, config));
        int threads = Trainer.threads(config.training());
        run.writeJson(RunDirectory.PROVENANCE,
            Provenance.describe(mapper, config, prepared.dataset(), threads, commandLine));
        describe(prepared);
        run.writeJson(RunDirectory.PARAMETERS, ParameterTable.of(prepared.model()));
        TrainingOutcome outcome = trainer.train(
            prepared.model(),
            prepared.dataset(),
            () -> evaluator(config.head(), prepared),
            config.training(),
            config.seed(),
            new CheckpointStore(run.checkpoints(), mapper),
            session -> {
              if (config.output().savedModel()) {
                SavedModelExport.export(session, prepared.model(), prepared.dataset(), run.path(),
                    config.output().mergeLora());
              }
            });
        run.writeJson(RunDirectory.METRICS, metrics(outcome, prepared.model()));
        run.markCompleted();
        LOG.info("test ({} windows, best epoch {}):\n{}", outcome.testWindows(), outcome.bestEpoch(),
            ResultTable.format(outcome.test()));
        LOG.info("outputs: {}", run.path());
        return new RunResult(run, outcome);
      } catch (RuntimeException | Error e) {
        run.markFailed(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        throw e;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static io.tsllm.spi.Evaluator evaluator(PluginSection section, PreparedExperiment prepared) {
    Head<PluginConfig> head = (Head<PluginConfig>) section.plugin().plugin();
    return head.evaluator(section.config(), prepared.dataset().shape(), prepared.dataset().scaler());
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
