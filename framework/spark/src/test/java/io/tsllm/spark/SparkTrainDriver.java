package io.tsllm.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;

/**
 * The driver side of {@link SparkTrainTest}, in a JVM of its own inside a loopback-only network namespace (the
 * workers' TensorFlow servers listen on every interface): a localhost standalone cluster of 2 Spark workers, an
 * experiment trained by 2 barrier tasks, and the executor of task 1 SIGKILLed once the chief has checkpointed.
 * Prints {@code killed executor PID} and {@code exit CODE}.
 *
 * <p>Arguments: {@code FOLDER EXPERIMENT RUN_FOLDER}.
 */
public final class SparkTrainDriver {

  private SparkTrainDriver() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    Path experiment = Path.of(args[1]);
    Path runFolder = Path.of(args[2]);
    int exit;
    try (LocalCluster cluster = LocalCluster.start(folder.resolve("cluster"), 2)) {
      SparkConf conf = cluster.driverConf("tsllm-train-test");
      StringWriter err = new StringWriter();
      StringWriter out = new StringWriter();
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> SparkTrainMain.execute(conf,
          new PrintWriter(out), new PrintWriter(err), experiment.toString(), "--workers", "2", "--run-dir",
          runFolder.toString()));
      ProcessHandle victim = awaitCheckpointedWorker(runFolder, run);
      System.out.println("killed executor " + victim.pid());
      victim.destroyForcibly();
      exit = run.get(8, TimeUnit.MINUTES);
      System.out.println(out);
      System.out.println(err);
    }
    System.out.println("exit " + exit);
    System.exit(0);
  }

  /** The executor running task 1's worker, once the chief has checkpointed 5 steps or more (not yet completed). */
  private static ProcessHandle awaitCheckpointedWorker(Path runFolder, CompletableFuture<Integer> run)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline && !run.isDone()) {
      Path last = runFolder.resolve("checkpoints/last.json");
      if (Files.isRegularFile(last) && !Files.exists(runFolder.resolve("metrics.json"))
          && Files.readString(last).matches("(?s).*\"global_step\" ?: ?([5-9]|[1-9][0-9]).*")) {
        Optional<ProcessHandle> worker = ProcessHandle.allProcesses().filter(SparkTrainDriver::isTaskOne).findFirst();
        if (worker.isPresent() && worker.get().parent().isPresent()) {
          return worker.get().parent().get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no checkpoint with task 1 training in time" + (run.isDone() ? " (the job ended: "
        + run.get() + ")" : ""));
  }

  /** Whether {@code process} is task 1's worker, by its command line in /proc (ProcessHandle's may be cut short). */
  private static boolean isTaskOne(ProcessHandle process) {
    List<String> arguments;
    try {
      arguments = List.of(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline")).split("\0"));
    } catch (java.io.IOException | RuntimeException gone) {
      return false;
    }
    int main = arguments.indexOf(TrainWorkerProcess.class.getName());
    return main >= 0 && arguments.size() > main + 5 && arguments.get(main + 5).equals("1");
  }
}
