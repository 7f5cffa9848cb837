package io.tsllm.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.ConsoleMarkers;
import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.config.ExperimentConfig;
import io.tsllm.core.config.ResolvedConfig;
import io.tsllm.core.distributed.ClusterSpec;
import io.tsllm.core.distributed.SetupFingerprint;
import io.tsllm.core.distributed.WorkerServer;
import io.tsllm.core.io.JsonRecords;
import io.tsllm.core.io.OutputFault;
import io.tsllm.core.model.ModelGraph;
import io.tsllm.core.model.ParameterTable;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import io.tsllm.core.report.EventLog;
import io.tsllm.core.report.KeyMetric;
import io.tsllm.core.report.ResultTable;
import io.tsllm.core.report.RunPage;
import io.tsllm.core.report.RunReports;
import io.tsllm.core.report.TensorBoardWriter;
import io.tsllm.core.serve.ExportMetadata;
import io.tsllm.core.serve.SavedModelExport;
import io.tsllm.core.train.CheckpointDamagedException;
import io.tsllm.core.train.CheckpointStore;
import io.tsllm.core.train.Replicas;
import io.tsllm.core.train.StopSignal;
import io.tsllm.core.train.TaskEvaluators;
import io.tsllm.core.train.Trainer;
import io.tsllm.core.train.TrainingInterruptedException;
import io.tsllm.core.train.TrainingJob;
import io.tsllm.core.train.TrainingListener;
import io.tsllm.core.train.TrainingOutcome;
import io.tsllm.spi.Head;
import io.tsllm.spi.PluginConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final JsonRecords records;
  private final Clock clock;

  @Inject
  public ExperimentRunner(ExperimentPreparer preparer, Trainer trainer, ObjectMapper mapper, JsonRecords records,
      Clock clock) {
    this.preparer = preparer;
    this.trainer = trainer;
    this.mapper = mapper;
    this.records = records;
    this.clock = clock;
  }

  public RunResult run(Path experimentFile, Path outputOverride, List<String> commandLine) {
    return run(experimentFile, new RunOptions(outputOverride, commandLine, null), new StopSignal());
  }

  /** @param stop lets Ctrl-C stop training with a resumable checkpoint */
  public RunResult run(Path experimentFile, RunOptions options, StopSignal stop) {
    try (PreparedExperiment prepared = preparer.prepare(experimentFile, options.overrides())) {
      ExperimentConfig config = prepared.config();
      RunDirectory run;
      if (options.runFolder() != null) {
        requireWritable(options.runFolder().toAbsolutePath().getParent());
        run = RunDirectory.createAt(options.runFolder(), records, clock);
      } else {
        Path outputRoot =
            options.outputOverride() != null ? options.outputOverride() : Path.of(config.output().dir());
        requireWritable(outputRoot);
        run = RunDirectory.create(outputRoot, config.name(), records, clock);
      }
      try (RunDirectory.Lock lock = run.lock(); RunLogFile log = RunLogFile.attach(run.log())) {
        run.markRunning();
        LOG.info(ConsoleMarkers.ESSENTIAL, "run folder: {}", run.path());
        run.write(RunDirectory.CONFIG, ResolvedConfig.toJson(mapper, config));
        run.write(RunDirectory.PROVENANCE, Provenance.describe(config, prepared.dataset(),
            Trainer.threads(config.training()), options.commandLine(), clock));
        return execute(prepared, run, false, stop, options);
      }
    }
  }

  /**
   * Trains as worker {@code options.cluster().task()} (not the chief) of a distributed training: the experiment of
   * {@code experimentFile}, or of the chief's run folder {@code resumeFolder} (read, never written), beside the
   * chief, which writes the run folder. This worker's log goes to {@code <output folder>/<name>.worker-<N>.log},
   * or beside the run folder ({@code <run folder>.worker-<N>.log}) when resuming or when the options name the
   * chief's run folder.
   */
  public TrainingOutcome follow(Path experimentFile, Path resumeFolder, RunOptions options, StopSignal stop) {
    ClusterSpec cluster = options.cluster();
    if (cluster == null || cluster.chief()) {
      throw new IllegalArgumentException("follow is for the workers other than the chief");
    }
    WorkerServer server = new WorkerServer(cluster);
    RunDirectory chiefRun = resumeFolder == null ? null : RunDirectory.open(resumeFolder, records, clock);
    try (PreparedExperiment prepared = chiefRun == null ? preparer.prepare(experimentFile, options.overrides())
        : chiefRun.reopen(preparer)) {
      ExperimentConfig config = prepared.config();
      Path log;
      if (chiefRun == null && options.runFolder() != null) {
        Path folder = options.runFolder().toAbsolutePath();
        requireWritable(folder.getParent());
        log = folder.resolveSibling(folder.getFileName() + ".worker-" + cluster.task() + ".log");
      } else if (chiefRun == null) {
        Path outputRoot = options.outputOverride() != null ? options.outputOverride() : Path.of(config.output().dir());
        requireWritable(outputRoot);
        log = outputRoot.resolve(config.name() + ".worker-" + cluster.task() + ".log");
      } else {
        Path folder = resumeFolder.toAbsolutePath();
        log = folder.resolveSibling(folder.getFileName() + ".worker-" + cluster.task() + ".log");
      }
      try (RunLogFile file = RunLogFile.attach(log)) {
        LOG.info(ConsoleMarkers.ESSENTIAL, "worker {} of {} ({}), beside the chief at {}; this worker's log: {}",
            cluster.task(), cluster.size(), cluster.workers().get(cluster.task()), cluster.workers().get(0), log);
        stop.started();
        try {
          TrainingJob job = new TrainingJob(prepared.model(), prepared.dataset(), evaluators(prepared),
              config.training(), config.seed(), new CheckpointStore(log.resolveSibling(log.getFileName()
                  + ".unused-checkpoints"), mapper));
          return trainer.train(job, resumeFolder != null, stop, TrainingListener.all(List.of()),
              Optional.of(new Replicas(server, fingerprint(prepared, describe(prepared)))));
        } finally {
          stop.ended();
        }
      }
    }
  }

  /** The provenance of {@code prepared} now: its plugins' jars and its data files digested. */
  private Provenance describe(PreparedExperiment prepared) {
    ExperimentConfig config = prepared.config();
    return Provenance.describe(config, prepared.dataset(), Trainer.threads(config.training()), List.of(), clock);
  }

  /**
   * What every worker of a distributed training must share, part by part.
   *
   * @param provenance {@code prepared}'s provenance, with the digests of its plugin jars and data files
   */
  private SetupFingerprint fingerprint(PreparedExperiment prepared, Provenance provenance) {
    ExperimentConfig config = prepared.config();
    var experiment = ResolvedConfig.toJson(mapper, config);
    experiment.remove("seed");
    try {
      return SetupFingerprint.builder()
          .add("experiments (the resolved config)", mapper.writeValueAsString(experiment))
          .add("seeds", Long.toString(config.seed()))
          .add("plugins", provenance.plugins().values().stream().map(plugin -> plugin.name() + " "
              + plugin.className() + " " + plugin.version() + " " + plugin.jarSha256()).toList().toString())
          .add("data", provenance.dataFiles().stream().map(Provenance.DataFile::sha256).toList() + " "
              + prepared.dataset().shape() + " " + prepared.dataset().train().size() + " "
              + prepared.dataset().validation().size() + " " + prepared.dataset().test().size())
          .add("framework versions", provenance.frameworkVersion() + " " + provenance.frameworkGitCommit()
              + " " + provenance.tensorflowVersion())
          .build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Continues a run that was interrupted or killed, from its {@code last} checkpoint, exactly. */
  public RunResult resume(Path runFolder, RunOptions options, StopSignal stop) {
    RunDirectory run = RunDirectory.open(runFolder, records, clock);
    try (RunDirectory.Lock lock = run.lock()) {
      if (run.state().filter(state -> state == RunState.COMPLETED).isPresent()) {
        throw new UserInputException(runFolder + " is already completed; nothing to resume");
      }
      Optional<RunStatus> before = run.status();
      try (PreparedExperiment prepared = run.reopen(preparer); RunLogFile log = RunLogFile.attach(run.log())) {
        run.provenance().checkSameData(prepared.dataset());
        run.markRunning();
        LOG.info(ConsoleMarkers.ESSENTIAL, "resuming {} ({})", run.path(), String.join(" ", options.commandLine()));
        return execute(prepared, run, true, stop, options);
      } catch (CheckpointDamagedException e) {
        before.ifPresent(run::restoreStatus);
        throw e;
      }
    }
  }

  private RunResult execute(
      PreparedExperiment prepared, RunDirectory run, boolean resume, StopSignal stop, RunOptions options) {
    stop.started();
    try (TensorBoardWriter tensorBoard = new TensorBoardWriter(run.path(), EVENT_EVERY_STEPS);
        EventLog events = new EventLog(run.path(), mapper, clock, EVENT_EVERY_STEPS, options.events())) {
      events.started(run.path(), run.path().resolve(RunDirectory.CONFIG), resume);
      try {
        RunResult result = train(prepared, run, resume, stop, List.of(tensorBoard, events), options);
        events.ended(RunState.COMPLETED.label(), null, result.outcome().test());
        return result;
      } catch (TrainingInterruptedException e) {
        String resumeWith = "run --resume " + run.path();
        run.markInterrupted(e.getMessage() + "; continue with: " + resumeWith);
        events.ended(RunState.INTERRUPTED.label(), e.getMessage(), Map.of());
        LOG.info(ConsoleMarkers.ESSENTIAL, "stopped; continue with: {}", resumeWith);
        throw e;
      } catch (RuntimeException | Error e) {
        String reason = OutputFault.describe(e);
        run.removeTemporaryFiles();
        try {
          run.markFailed(reason);
          events.ended(RunState.FAILED.label(), reason, Map.of());
        } catch (RuntimeException recording) {
          // A full disk may refuse the status too; the run's own error is the one to report.
          LOG.warn("cannot record the failure in {}: {}", RunDirectory.STATUS, OutputFault.describe(recording));
          e.addSuppressed(recording);
        }
        throw e;
      }
    } catch (RuntimeException e) {
      // The event files could not be opened: the run fails before its first step, and says so.
      if (run.state().filter(state -> state == RunState.RUNNING).isPresent()) {
        run.markFailed(OutputFault.describe(e));
      }
      throw e;
    } finally {
      stop.ended();
    }
  }

  private RunResult train(PreparedExperiment prepared, RunDirectory run, boolean resume, StopSignal stop,
      List<TrainingListener> logs, RunOptions options) {
    ExperimentConfig config = prepared.config();
    var contract = prepared.model().contract();
    ParameterTable parameters = ParameterTable.of(prepared.model());
    describe(prepared, parameters);
    run.write(RunDirectory.PARAMETERS, parameters);
    TrainingJob job = new TrainingJob(prepared.model(), prepared.dataset(), evaluators(prepared),
        config.training(), config.seed(), new CheckpointStore(run.checkpoints(), mapper));
    TrainingListener export = new TrainingListener() {
      @Override
      public void afterTest(Session session, TrainingOutcome result) {
        if (config.output().savedModel()) {
          SavedModelExport.export(session, prepared.model(), prepared.dataset(), run.path(),
              config.output().mergeLora(), ExportMetadata.of(config.head().type(), prepared.dataset().shape(),
                  prepared.dataset().timestampColumn(), contract, result.calibration(), result.test(),
                  hostInputs(config, prepared.model())), records);
        }
      }
    };
    List<TrainingListener> listeners = new ArrayList<>(logs);
    listeners.addAll(RunReports.of(run.path(), prepared.model(), prepared.dataset()));
    listeners.add(export);
    // A fresh run's provenance.json was just written with the data files digested: read, not digested again.
    Optional<Replicas> replicas = Optional.ofNullable(options.cluster())
        .map(cluster -> new Replicas(new WorkerServer(cluster),
            fingerprint(prepared, resume ? describe(prepared) : run.provenance())));
    TrainingOutcome outcome = trainer.train(job, resume, stop, TrainingListener.all(listeners), replicas);
    if (stop.requested()) {
      throw new TrainingInterruptedException("after the export");
    }
    List<KeyMetric> keyMetrics = KeyMetric.of(contract, outcome.test());
    run.write(RunDirectory.METRICS, new RunMetrics(outcome.test(), keyMetrics, outcome.calibration(),
        outcome.testLoss(), outcome.testWindows(), outcome.bestEpoch(), outcome.stoppedEarly(), outcome.epochs(),
        prepared.model().parameters().totalSize(), parameters.totalTrainable()));
    run.recordEnd();
    Provenance provenance = run.provenance();
    RunPage.write(run.path(), new RunPage.Content(run.path().getFileName().toString(), RunState.COMPLETED.label(),
        provenance.started(), provenance.ended(), ResolvedConfig.toJson(mapper, config), parameters, contract,
        outcome.test(), keyMetrics, outcome.calibration(), outcome.epochs(), outcome.bestEpoch(),
        outcome.testWindows()));
    run.markCompleted();
    LOG.info("test ({} windows, best epoch {}):\n{}", outcome.testWindows(), outcome.bestEpoch(),
        ResultTable.format(contract, outcome.test()));
    LOG.info("outputs: {}", run.path());
    return new RunResult(run, outcome);
  }

  @SuppressWarnings("unchecked")
  private static TaskEvaluators evaluators(PreparedExperiment prepared) {
    var section = prepared.config().head();
    Head<PluginConfig> head = (Head<PluginConfig>) section.plugin().plugin();
    return new TaskEvaluators(head, section.config(), prepared.dataset().shape(), prepared.dataset().scaler(),
        prepared.model().contract());
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

  private static void describe(PreparedExperiment prepared, ParameterTable parameters) {
    var shape = prepared.dataset().shape();
    var data = prepared.dataset();
    LOG.info("data: {} channels {}, input {} steps, target {} steps; windows train {}, validation {}, test {}",
        shape.channels(), shape.channelNames(), shape.inputLength(), shape.targetLength(), data.train().size(),
        data.validation().size(), data.test().size());
    LOG.info("model: {} tokens per sequence; parameters:\n{}", prepared.model().tokenCount(),
        parameters.format());
  }

  /** What an export needs to compute the embedder's host inputs again; null when it has none. */
  private static ExportMetadata.ExportedHostInputs hostInputs(ExperimentConfig config, ModelGraph model) {
    if (model.hostFeeds().isEmpty()) {
      return null;
    }
    return new ExportMetadata.ExportedHostInputs(config.embedder().type(),
        ConfigMapper.create().valueToTree(config.embedder().config()), config.baseFolder().toAbsolutePath().toString(),
        model.hostFeeds().stream().map(feed -> feed.input().name()).toList());
  }

}
