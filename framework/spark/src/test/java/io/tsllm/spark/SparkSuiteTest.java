package io.tsllm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.core.config.ConfigMapper;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.suite.CellOutcome;
import io.tsllm.core.suite.LocalSuiteRunner;
import io.tsllm.core.suite.SuiteFolder;
import io.tsllm.core.suite.SuiteJob;
import io.tsllm.core.suite.SuiteReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite run as Spark tasks gives the same results.csv and report as the same suite run locally: in Spark's local
 * mode, and on a real standalone cluster on 127.0.0.1 (a master and two workers started from the Maven jars,
 * executors in their own JVMs) with one worker killed while it trains a cell, whose task Spark retries on the other
 * worker, resuming the cell from its checkpoint.
 */
class SparkSuiteTest {

  private static final Path ETTH1 = Path.of("../../configs/data/ett/ETTh1.csv").toAbsolutePath().normalize();
  private static final ObjectMapper MAPPER = ConfigMapper.create();

  @TempDir static Path shared;
  @TempDir Path temp;

  static Path suite;
  static String localResults;
  static String localReport;

  @BeforeAll
  static void runLocally() throws IOException {
    suite = writeSuite(shared);
    SuiteFolder folder = runLocal(suite, shared.resolve("local"));
    localResults = Files.readString(folder.path().resolve(SuiteReport.RESULTS));
    localReport = Files.readString(folder.path().resolve(SuiteReport.MARKDOWN));
    assertEquals(4, localResults.lines().filter(l -> l.contains(",completed,mse,")).count(), localResults);
  }

  @Test
  void sparkLocalModeGivesTheLocalReport() throws IOException {
    SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("tsllm-local-test")
        .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false");
    int code = submit(conf, temp.resolve("spark-local"));
    assertEquals(0, code);
    Path folder = temp.resolve("spark-local/spark-suite");
    assertEquals(localResults, Files.readString(folder.resolve(SuiteReport.RESULTS)));
    assertEquals(localReport, Files.readString(folder.resolve(SuiteReport.MARKDOWN)));
    // Under Spark, SLF4J is bound to Spark's Log4j 2 (no logback in this module); each cell's run.log holds its own
    // epochs and none of the cell that ran beside it.
    try (Stream<Path> cells = Files.list(folder.resolve("cells"))) {
      for (Path cell : cells.toList()) {
        String log = Files.readString(cell.resolve("run.log"));
        assertTrue(log.contains("epoch 1/") && log.contains("train loss"), cell + "/run.log: " + log);
        String name = cell.getFileName().toString();
        assertTrue(log.lines().filter(l -> l.contains("run folder:")).allMatch(l -> l.contains(name)),
            "only its own run's lines: " + log);
      }
    }
    assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory",
        org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
  }

  @Test
  void aStandaloneClusterThatLosesAWorkerMidCellGivesTheLocalReport() throws Exception {
    LocalCluster cluster = LocalCluster.start(temp.resolve("cluster"), 2);
    try {
      SparkConf conf = cluster.driverConf("tsllm-cluster-test");
      Path output = temp.resolve("spark-cluster");
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> submit(conf, output));
      Path cells = output.resolve("spark-suite/cells");
      long victim = awaitTrainingCell(cells, run);
      ProcessHandle worker = cluster.workerRunning(victim).orElseThrow(() ->
          new AssertionError("no worker runs the executor " + victim));
      cluster.kill(worker);

      assertEquals(0, run.get(10, TimeUnit.MINUTES));
      Path folder = output.resolve("spark-suite");
      assertEquals(localResults, Files.readString(folder.resolve(SuiteReport.RESULTS)));
      assertEquals(localReport, Files.readString(folder.resolve(SuiteReport.MARKDOWN)));
      JsonNode outcomes = MAPPER.readTree(folder.resolve(SuiteFolder.OUTCOMES).toFile());
      assertTrue(outcomes.findValuesAsText("action").contains("resumed"),
          "the lost worker's cell was resumed from its checkpoint: " + outcomes);
    } finally {
      cluster.close();
    }
  }

  /** Waits for a cell to be training with a checkpoint saved; returns the pid of the executor running it. */
  private static long awaitTrainingCell(Path cells, CompletableFuture<Integer> run) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline && !run.isDone()) {
      if (Files.isDirectory(cells)) {
        try (Stream<Path> list = Files.list(cells)) {
          for (Path cell : list.toList()) {
            Path last = cell.resolve("checkpoints/last.json");
            Path lock = cell.resolve(".lock");
            if (Files.exists(last) && Files.exists(lock) && !Files.exists(cell.resolve("metrics.json"))) {
              String holder = Files.readString(lock).trim();
              if (holder.startsWith("pid ")) {
                return Long.parseLong(holder.substring(4));
              }
            }
          }
        } catch (IOException | NumberFormatException racing) {
          // a file being written: look again
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no cell reached a checkpoint in time" + (run.isDone() ? " (the suite ended: "
        + run.get() + ")" : ""));
  }

  private static int submit(SparkConf conf, Path output) {
    StringWriter err = new StringWriter();
    int code = SparkSuiteMain.execute(conf, new PrintWriter(new StringWriter()), new PrintWriter(err),
        suite.toString(), "--output-dir", output.toString());
    if (code != 0) {
      throw new AssertionError("exit " + code + ": " + err);
    }
    return code;
  }

  private static SuiteFolder runLocal(Path suiteFile, Path output) {
    var injector = Injectors.create(PluginLocations.none());
    SuiteJob job = injector.getInstance(SuiteJob.class);
    SuiteJob.Planned planned = job.plan(suiteFile, List.of());
    SuiteFolder folder = job.folder(planned, output);
    List<CellOutcome> outcomes = injector.getInstance(LocalSuiteRunner.class)
        .run(planned.plan(), folder, 1, 1, false, line -> { });
    assertTrue(outcomes.stream().allMatch(CellOutcome::completed), outcomes.toString());
    job.report(planned.plan(), folder);
    return folder;
  }

  /** Two arms and two seeds of a small ETTh1 model, long enough per cell (40 steps) to be caught training. */
  static Path writeSuite(Path folder) throws IOException {
    String experiment = """
        {"name": "tiny", "seed": 7,
         "data": {"type": "csv", "path": "%s", "input_length": 336, "horizon": 24},
         "embedder": {"type": "patch", "patch_length": 16, "stride": 8},
         "backbone": {"type": "gpt2", "n_embd": 64, "n_head": 4, "n_layer": 2, "n_positions": 64},
         "head": {"type": "forecast"},
         "training": {"epochs": 1, "batch_size": 32, "eval_batch_size": 512, "max_train_steps": 40,
                      "checkpoint_every_steps": 4}}
        """.formatted(ETTH1);
    Files.writeString(folder.resolve("experiment.json"), experiment);
    String suiteJson = """
        {"name": "spark-suite", "experiments": {"etth1": "experiment.json"},
         "arms": {"gpt2": {}, "identity": {"set": {"backbone": {"type": "identity", "width": 64}}}},
         "seeds": [1, 2]}
        """;
    return Files.writeString(folder.resolve("suite.json"), suiteJson);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
