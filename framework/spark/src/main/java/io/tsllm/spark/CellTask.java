package io.tsllm.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.suite.CellOutcome;
import io.tsllm.core.suite.CellRunner;
import io.tsllm.core.suite.SuiteFolder;
import io.tsllm.core.suite.SuiteJob;
import io.tsllm.core.suite.SuitePlan;
import io.tsllm.core.train.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: runs one cell of the suite recorded in a suite folder that every executor sees. The executor
 * reads the plan from the folder, so a retried task (its executor was lost) finds the cell's checkpoints there and
 * resumes it.
 */
final class CellTask implements Function<String, CellOutcome> {

  private static final long serialVersionUID = 1L;

  private final String suiteFolder;
  private final List<String> pluginJars;
  private final boolean retryFailed;
  private final int threads;
  private final long lockWaitSeconds;

  /**
   * @param threads TensorFlow threads of the cell: the task's CPUs ({@code spark.task.cpus})
   * @param lockWaitSeconds how long a retried task waits for a lost executor still holding the cell's folder
   */
  CellTask(Path suiteFolder, List<Path> pluginJars, boolean retryFailed, int threads, long lockWaitSeconds) {
    this.suiteFolder = suiteFolder.toString();
    this.pluginJars = pluginJars.stream().map(Path::toString).toList();
    this.retryFailed = retryFailed;
    this.threads = threads;
    this.lockWaitSeconds = lockWaitSeconds;
  }

  @Override
  public CellOutcome call(String cellId) {
    Injector injector = Injectors.create(new PluginLocations(pluginJars.stream().map(Path::of).toList()));
    SuiteFolder folder = new SuiteFolder(Path.of(suiteFolder), injector.getInstance(ObjectMapper.class));
    SuitePlan plan = injector.getInstance(SuiteJob.class).recorded(folder);
    return injector.getInstance(CellRunner.class).run(plan.cell(cellId), folder, retryFailed, threads,
        Duration.ofSeconds(lockWaitSeconds), new StopSignal());
  }
}
