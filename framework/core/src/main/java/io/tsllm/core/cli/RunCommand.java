package io.tsllm.core.cli;

import io.tsllm.core.UserInputException;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.distributed.ClusterSpec;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.run.ExperimentRunner;
import io.tsllm.core.run.RunOptions;
import io.tsllm.core.train.StopSignal;
import io.tsllm.core.train.TrainingInterruptedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Train and test the model an experiment file describes; outputs go to a new run folder.",
        "Ctrl-C saves a checkpoint and stops; --resume continues such a run (or a killed one) exactly."})
final class RunCommand implements Callable<Integer> {

  /** Exit code of a run stopped by Ctrl-C after saving (as shells report SIGINT). */
  static final int INTERRUPTED = 130;
  private static final long STOP_WAIT_SECONDS = 300;

  static final class Target {
    @Parameters(paramLabel = "EXPERIMENT", description = "The experiment JSON file.")
    Path experiment;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue this run from its last checkpoint.")
    Path resume;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--output-dir", paramLabel = "DIR", description = "Overrides output.dir of the experiment file.")
  Path outputDir;

  @Option(names = "--set", paramLabel = "PATH=VALUE",
      description = "Change a field of the experiment file, e.g. --set training.epochs=1 (repeatable).")
  List<String> overrides = new java.util.ArrayList<>();

  @Option(names = "--skip-bad-rows",
      description = "Skip malformed data rows and report how many (same as --set data.skip_bad_rows=true).")
  boolean skipBadRows;

  @Option(names = "--quiet", description = "Only the run folder, warnings, errors and, when stopped, the resume"
      + " command on the console (the run log keeps everything).")
  boolean quiet;

  @Option(names = "--json", description = "Print the run's events as JSON lines on stdout (as events.jsonl: first"
      + " 'started' with the run folder and its config, last 'ended' with the run's state), and nothing else but"
      + " warnings and errors.")
  boolean json;

  @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Train as one worker of a distributed training: every worker's TensorFlow server address, the"
          + " same list on every worker (worker 0 is the chief, which writes the run folder). Needs --task. Without"
          + " it, the TF_CONFIG environment variable (TensorFlow's {\"cluster\": {\"worker\": [...]}, \"task\":"
          + " {\"type\": \"worker\", \"index\": N}}) is read if set.")
  String cluster;

  @Option(names = "--task", paramLabel = "N", description = "This worker's index in --cluster.")
  Integer task;

  @Option(names = "--peer-wait", paramLabel = "SECONDS", defaultValue = "300",
      description = "With --cluster or TF_CONFIG: how long to wait at start for every other worker's server to"
          + " answer before giving up, naming it (default: ${DEFAULT-VALUE}).")
  long peerWaitSeconds;

  @Mixin PluginOptions pluginOptions;

  private final Main main;

  RunCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    var injector = Injectors.create(pluginOptions.locations(main.environment()));
    ExperimentRunner runner = injector.getInstance(ExperimentRunner.class);
    StopSignal stop = new StopSignal();
    Thread hook = new Thread(() -> stop.requestAndWait(STOP_WAIT_SECONDS), "tsllm-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (quiet || json) {
      ConsoleVerbosity.warningsOnly(!json);
    }
    try {
      List<String> changes = new java.util.ArrayList<>(overrides);
      if (skipBadRows) {
        changes.add("data.skip_bad_rows=true");
      }
      RunOptions options = new RunOptions(outputDir, List.of(main.arguments()), json ? System.out : null,
          new ConfigOverrides(changes));
      Optional<ClusterSpec> workers = clusterSpec();
      if (workers.isPresent()) {
        options = options.inCluster(workers.get());
        if (!workers.get().chief()) {
          runner.follow(target.experiment, target.resume, options, stop);
          return 0;
        }
      }
      if (target.resume != null) {
        runner.resume(target.resume, options, stop);
      } else {
        runner.run(target.experiment, options, stop);
      }
      return 0;
    } catch (TrainingInterruptedException e) {
      return INTERRUPTED;
    } finally {
      removeHook(hook);
    }
  }

  /** {@code --cluster} and {@code --task}, or else TF_CONFIG; empty for a run in this process alone. */
  private Optional<ClusterSpec> clusterSpec() {
    if (peerWaitSeconds < 1) {
      throw new UserInputException("--peer-wait: " + peerWaitSeconds + " (expected seconds, 1 or more)");
    }
    return workers().map(spec -> spec.withPeerWait(java.time.Duration.ofSeconds(peerWaitSeconds)));
  }

  private Optional<ClusterSpec> workers() {
    if (cluster != null) {
      return Optional.of(ClusterSpec.of(cluster, task));
    }
    if (task != null) {
      throw new UserInputException("--task " + task + " needs --cluster: every worker's host:port");
    }
    String tfConfig = main.environment().get("TF_CONFIG");
    if (tfConfig == null || tfConfig.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(ClusterSpec.fromTfConfig(tfConfig, ConfigMapper.create()));
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting: the hook is running and ends with the training
    }
  }
}
