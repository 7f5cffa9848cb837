package io.tsllm.spark;

import io.tsllm.core.cli.Main;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * {@code spark-submit --class io.tsllm.spark.SparkTrainMain tsllm-spark.jar EXPERIMENT --workers N --run-dir
 * SHARED/RUN}: one model trained by N workers in Spark's barrier execution mode, one barrier task per worker (the
 * way TensorFlowOnSpark runs TensorFlow clusters on executors). The tasks exchange their TensorFlow servers'
 * addresses with {@code BarrierTaskContext.allGather}, then train together as {@code run --cluster} does; the chief
 * (task 0) writes the run folder. A lost worker fails the barrier stage, Spark retries it (up to
 * {@code spark.stage.maxConsecutiveAttempts}), and the new attempt resumes from the chief's last checkpoint. The
 * experiment, its data, the plugins and the run folder must be on paths every executor sees.
 */
@Command(name = "tsllm-spark-train", mixinStandardHelpOptions = true,
    description = "Train one experiment with N workers as Spark barrier tasks; the chief writes the run folder.")
public final class SparkTrainMain implements Callable<Integer> {

  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment JSON file (on a path every executor sees).")
  Path experiment;

  @Option(names = "--workers", paramLabel = "N", required = true,
      description = "Workers, one barrier task each (each takes spark.task.cpus cores as TensorFlow threads).")
  int workers;

  @Option(names = "--run-dir", paramLabel = "DIR", required = true,
      description = "The run folder, on a path every executor sees; an attempt after a failure resumes it.")
  Path runDir;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Change a field of the experiment.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--plugins", paramLabel = "JAR", split = ",",
      description = "Plugin jars or folders, on a path every executor sees.")
  List<Path> plugins = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final SparkConf conf;

  SparkTrainMain(SparkConf conf) {
    this.conf = conf;
  }

  public static void main(String[] args) {
    System.exit(execute(new SparkConf().setAppName("tsllm train"), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), args));
  }

  /** Runs the command with this Spark configuration (the tests' localhost-cluster master). */
  public static int execute(SparkConf conf, PrintWriter out, PrintWriter err, String... args) {
    CommandLine line = new CommandLine(new SparkTrainMain(conf)).setOut(out).setErr(err);
    line.setExecutionExceptionHandler((e, cmd, parsed) -> Main.report(e, cmd.getErr()));
    return line.execute(args);
  }

  @Override
  public Integer call() {
    if (workers < 1) {
      throw new io.tsllm.core.UserInputException("--workers: " + workers + " (expected 1 or more)");
    }
    if (!Files.isRegularFile(experiment)) {
      throw new io.tsllm.core.UserInputException("EXPERIMENT: " + experiment + " is not a file");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> done;
    try (JavaSparkContext context = new JavaSparkContext(conf)) {
      int threads = context.getConf().getInt("spark.task.cpus", 1);
      ClassTag<String> strings = ClassTag$.MODULE$.apply(String.class);
      RDD<String> tasks = context.parallelize(IntStream.range(0, workers).boxed().toList(), workers).rdd()
          .barrier().mapPartitions(new TrainTask(experiment, runDir, plugins, overrides, threads), false, strings);
      // A shuffle after the barrier stage makes it a shuffle-map stage, which Spark retries as a whole when a task
      // fails; a failed barrier result stage is never retried.
      done = new org.apache.spark.api.java.JavaRDD<>(tasks, strings).repartition(1).collect();
    }
    done.forEach(out::println);
    out.printf(Locale.ROOT, "run folder: %s%n", runDir.toAbsolutePath());
    out.flush();
    return 0;
  }
}
