package io.tsllm.spark;

import io.tsllm.core.cli.Main;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.suite.CellOutcome;
import io.tsllm.core.suite.SuiteFolder;
import io.tsllm.core.suite.SuiteJob;
import io.tsllm.core.suite.SuiteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spark-submit --class io.tsllm.spark.SparkSuiteMain tsllm-spark.jar SUITE.json --output-dir SHARED_DIR}: the
 * suite command with each cell a Spark task ({@code tsllm-spark.jar} carries the framework and its built-in plugins).
 * The suite file, its experiments, their data and the output folder must be on a path every executor sees (NFS, a
 * cluster file system mount).
 */
@Command(name = "tsllm-spark-suite", mixinStandardHelpOptions = true,
    description = "Run a suite's cells as Spark tasks; the report is written on the driver.")
public final class SparkSuiteMain implements Callable<Integer> {

  @Parameters(paramLabel = "SUITE", description = "The suite JSON file (on a path every executor sees).")
  Path suite;

  @Option(names = "--output-dir", paramLabel = "DIR", required = true,
      description = "Where the suite's folder goes: a path every executor sees.")
  Path outputDir;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Change a field of every cell's experiment.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--retry-failed", description = "Run cells that failed in an earlier invocation again.")
  boolean retryFailed;

  @Option(names = "--plugins", paramLabel = "JAR", split = ",",
      description = "Plugin jars or folders, on a path every executor sees.")
  List<Path> plugins = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final SparkConf conf;

  SparkSuiteMain(SparkConf conf) {
    this.conf = conf;
  }

  public static void main(String[] args) {
    System.exit(execute(new SparkConf().setAppName("tsllm suite"), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), args));
  }

  /** Runs the command with this Spark configuration (the tests' local and localhost-cluster masters). */
  public static int execute(SparkConf conf, PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = new CommandLine(new SparkSuiteMain(conf)).setOut(out).setErr(err);
    // Bad input in one line with exit 2, a failed run exit 1, as the framework's own CLI reports them.
    line.setExecutionExceptionHandler((e, cmd, parsed) -> Main.report(e, cmd.getErr()));
    return line.execute(args);
  }

  @Override
  public Integer call() {
    var injector = Injectors.create(new PluginLocations(plugins));
    SuiteJob job = injector.getInstance(SuiteJob.class);
    SuiteJob.Planned planned = job.plan(suite, overrides);
    SuiteFolder folder = job.folder(planned, outputDir.toAbsolutePath());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "suite %s: %d cells in %s, one Spark task each%n", planned.plan().definition().name(),
        planned.plan().cells().size(), folder.path());
    SparkSuite spark = new SparkSuite(job);
    List<CellOutcome> outcomes;
    try (JavaSparkContext context = new JavaSparkContext(conf)) {
      outcomes = spark.run(context, planned, folder, plugins.stream().map(Path::toAbsolutePath).toList(),
          retryFailed);
    }
    spark.report(planned, folder);
    long failed = outcomes.stream().filter(o -> !o.completed()).count();
    outcomes.forEach(o -> out.printf(Locale.ROOT, "%s: %s%s%n", o.cell(), o.state(),
        o.error() == null ? "" : " (" + o.error()
        + ")"));
    out.printf(Locale.ROOT, "report: %s%n", folder.path().resolve(SuiteReport.HTML));
    out.flush();
    return failed == 0 ? 0 : 1;
  }
}
