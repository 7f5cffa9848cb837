package io.tsllm.spark;

import io.tsllm.core.suite.CellOutcome;
import io.tsllm.core.suite.SuiteCell;
import io.tsllm.core.suite.SuiteFolder;
import io.tsllm.core.suite.SuiteJob;
import io.tsllm.core.suite.SuiteResults;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a checked suite on Spark: one task per cell, run folders in a suite folder every executor sees, outcomes
 * collected on the driver, which records them and writes the report exactly as a local suite does.
 */
public final class SparkSuite {

  /** A retried task waits this long for the lost executor's hold on the cell folder to go. */
  static final long LOCK_WAIT_SECONDS = 180;

  private final SuiteJob job;

  public SparkSuite(SuiteJob job) {
    this.job = job;
  }

  /**
   * @param folder the suite folder with its plan recorded, on a path every executor sees
   * @return each cell's outcome, in plan order
   */
  public List<CellOutcome> run(JavaSparkContext spark, SuiteJob.Planned planned, SuiteFolder folder,
      List<Path> pluginJars, boolean retryFailed) {
    List<String> cells = planned.plan().cells().stream().map(SuiteCell::id).toList();
    int threads = spark.getConf().getInt("spark.task.cpus", 1);
    spark.setJobDescription("tsllm suite " + planned.plan().definition().name());
    List<CellOutcome> outcomes = spark.parallelize(cells, cells.size())
        .map(new CellTask(folder.path(), pluginJars, retryFailed, threads, LOCK_WAIT_SECONDS))
        .collect();
    outcomes.forEach(folder::record);
    return outcomes;
  }

  public SuiteResults report(SuiteJob.Planned planned, SuiteFolder folder) {
    return job.report(planned.plan(), folder);
  }
}
