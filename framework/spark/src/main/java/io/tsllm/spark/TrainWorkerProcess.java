package io.tsllm.spark;

import io.tsllm.core.cli.Main;
import io.tsllm.core.config.ConfigOverrides;
import io.tsllm.core.distributed.ClusterSpec;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.run.ExperimentRunner;
import io.tsllm.core.run.RunOptions;
import io.tsllm.core.train.StopSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One worker of a distributed training, in a JVM that a Spark barrier task starts and waits for
 * ({@link TrainTask}): a TensorFlow server lives as long as its process and cannot be shut down, so each attempt
 * of the barrier stage gets fresh processes. It ends itself when the executor that started it dies (its parent
 * process), so that a lost executor takes its worker with it, as a lost machine would.
 *
 * <p>Arguments: {@code fresh|resume EXPERIMENT RUN_FOLDER CLUSTER TASK [PLUGIN_JAR...] [-- PATH=VALUE...]}: a
 * fresh run of {@code EXPERIMENT} into {@code RUN_FOLDER}, or a resume of it, as worker {@code TASK} of
 * {@code CLUSTER} ({@code host:port,...}); the overrides change the experiment as {@code run --set} does.
 */
public final class TrainWorkerProcess {

  private TrainWorkerProcess() {}

  public static void main(String[] args) {
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      System.err.println("the Spark executor that started this worker ended; this worker ends too");
      Runtime.getRuntime().halt(3);
    }));
    List<String> all = Arrays.asList(args);
    int separator = all.indexOf("--");
    List<String> positional = separator < 0 ? all : all.subList(0, separator);
    List<String> overrides = separator < 0 ? List.of() : all.subList(separator + 1, all.size());
    boolean resume = positional.get(0).equals("resume");
    Path experiment = Path.of(positional.get(1));
    Path runFolder = Path.of(positional.get(2));
    ClusterSpec cluster = ClusterSpec.of(positional.get(3), Integer.parseInt(positional.get(4)));
    List<Path> plugins = new ArrayList<>();
    positional.subList(5, positional.size()).forEach(jar -> plugins.add(Path.of(jar)));
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      ExperimentRunner runner = Injectors.create(new PluginLocations(plugins)).getInstance(ExperimentRunner.class);
      RunOptions options = RunOptions.inFolder(runFolder, all, new ConfigOverrides(new ArrayList<>(overrides)))
          .inCluster(cluster);
      StopSignal stop = new StopSignal();
      if (!cluster.chief()) {
        runner.follow(experiment, resume ? runFolder : null, options, stop);
      } else if (resume) {
        runner.resume(runFolder, options, stop);
      } else {
        runner.run(experiment, options, stop);
      }
      System.exit(0);
    } catch (Exception e) {
      System.exit(Main.report(e, err));
    }
  }
}
