package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.ConsoleFiles;
import io.tsllm.core.Experiments;
import io.tsllm.core.distributed.LoopbackNamespace;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous data-parallel training on 127.0.0.1: two worker processes ({@code run --cluster ... --task N}) at
 * global batch 32 train what one process trains at batch 32, with the same windows, the same dropout masks window
 * for window and the gradient of the whole batch; a cluster of one worker is today's run bit for bit; workers whose
 * setups differ are refused, naming the difference. The workers run in a network namespace whose only interface is
 * loopback (TensorFlow's servers listen on every interface), as in {@code DistributedRuntimeTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedTrainingTest {

  /**
   * Two workers sum their shards' gradients in another order than one process sums the batch's (and TensorFlow's
   * kernels reduce 16 rows in another order than 32): float32 rounding differs from the first step on. Over 2
   * epochs of 20 Adam steps at this size the losses and test metrics stayed within 3e-8 of each other, relative (2
   * cores of an AMD EPYC with AVX2; the test prints them); 1e-5 leaves room for other CPUs' kernels, while
   * dropout masks drawn by each worker's local window positions (the first thing this test caught) already move
   * the first epoch's training loss by 6e-4.
   */
  private static final double RELATIVE_TOLERANCE = 1e-5;

  private static final String TWO = "127.0.0.1:23441,127.0.0.1:23442";

  @TempDir static Path shared;

  static Path experiment;
  static JsonNode alone;
  /** The uninterrupted two-worker run's metrics, once the first test has run (null if it was skipped). */
  static JsonNode twoWorkers;

  @BeforeAll
  static void trainInOneProcess() throws Exception {
    experiment = Experiments.write(shared, e -> {
      ((ObjectNode) e.get("training")).put("epochs", 2).put("max_train_steps", 20).put("threads", 1);
      ((ObjectNode) e.get("backbone")).put("embd_pdrop", 0.1).put("attn_pdrop", 0.1).put("resid_pdrop", 0.1);
    });
    RunResult result = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, shared.resolve("alone"), List.of());
    alone = Experiments.MAPPER.readTree(result.directory().path().resolve("metrics.json").toFile());
  }

  @Test
  @Order(1)
  void twoWorkersTrainWhatOneProcessTrainsAndOneWorkerIsTodaysRunBitForBit() throws Exception {
    Assumptions.assumeTrue(LoopbackNamespace.available(), "needs `unshare --net` and `ip` (root, Linux)");
    Path output = shared.resolve("two");
    String script = worker(output, TWO, 1, output.resolve("worker-1.console"))
        + " & " + worker(output, TWO, 0, output.resolve("worker-0.console"))
        + "; chief=$?; wait $!; other=$?; "
        + worker(shared.resolve("one"), "127.0.0.1:23443", 0, shared.resolve("one.console"))
        + "; one=$?; echo \"exit $chief $other $one\"";
    String console = inLoopbackNamespace(script, output);
    assertTrue(console.contains("exit 0 0 0"), console + ConsoleFiles.of(output) + ConsoleFiles.of(shared));

    JsonNode two = metrics(output);
    twoWorkers = two;
    System.out.println("one process / two workers, per epoch and test:");
    for (int i = 0; i < alone.get("epochs").size(); i++) {
      for (String loss : List.of("train_loss", "validation_loss")) {
        double expected = alone.at("/epochs/" + i + "/" + loss).asDouble();
        double actual = two.at("/epochs/" + i + "/" + loss).asDouble();
        System.out.printf("  epoch %d %s: %.9f / %.9f (relative %.2e)%n", i + 1, loss, expected, actual,
            Math.abs(actual - expected) / expected);
        assertEquals(expected, actual, RELATIVE_TOLERANCE * expected, loss + " of epoch " + (i + 1));
      }
    }
    for (String metric : List.of("mse", "mae")) {
      double expected = alone.at("/test/" + metric).asDouble();
      double actual = two.at("/test/" + metric).asDouble();
      System.out.printf("  test %s: %.9f / %.9f (relative %.2e)%n", metric, expected, actual,
          Math.abs(actual - expected) / expected);
      assertEquals(expected, actual, RELATIVE_TOLERANCE * expected, "test " + metric);
    }
    assertEquals(1, runFolders(output).size(), "only the chief writes a run folder");
    Path workerLog = output.resolve("tiny.worker-1.log");
    assertTrue(Files.readString(workerLog).contains("worker 1 of 2: training together from epoch 1, step 0 of the"
        + " epoch, with the chief's weights; this worker takes windows 16 to 31 of each batch of 32"),
        "the other worker logs to its own file, and takes the second half of each batch");

    JsonNode one = metrics(shared.resolve("one"));
    assertEquals(alone.get("test"), one.get("test"), "a cluster of one worker is today's run, bit for bit");
    assertEquals(alone.get("epochs").toString().replaceAll("\"seconds\":[0-9.E-]+", ""),
        one.get("epochs").toString().replaceAll("\"seconds\":[0-9.E-]+", ""));
  }

  @Test
  @Order(2)
  void aKilledWorkerStopsTheOthersNamingItAndAllResumeToTheUninterruptedMetrics() throws Exception {
    Assumptions.assumeTrue(LoopbackNamespace.available(), "needs `unshare --net` and `ip` (root, Linux)");
    Path output = shared.resolve("killed");
    // Worker 1's JVM (the child of its `timeout`) is SIGKILLed once the chief has checkpointed 5 steps or more.
    String script = worker(output, TWO, 1, output.resolve("worker-1.console"), CHECKPOINTS) + " & other=$!; "
        + worker(output, TWO, 0, output.resolve("worker-0.console"), CHECKPOINTS) + " & chief=$!; "
        + "until grep -Eqs '\"global_step\" ?: ?([5-9]|[1-9][0-9])' '" + output + "'/*/checkpoints/last.json; do"
        + " sleep 0.1; done; pkill -9 -P $other java; wait $chief; echo \"chief exit $?\"";
    String console = inLoopbackNamespace(script, output);
    assertTrue(console.contains("chief exit 1"), console + ConsoleFiles.of(output));
    String chief = Files.readString(output.resolve("worker-0.console"));
    assertTrue(chief.contains("error: the distributed training lost worker 1 (127.0.0.1:23442) in epoch 1"),
        chief);
    Path run = runFolders(output).get(0);
    assertEquals("failed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());

    String resume = "--resume '" + run + "'";
    String again = worker(null, TWO, 1, output.resolve("resumed-1.console"), resume) + " & "
        + worker(null, TWO, 0, output.resolve("resumed-0.console"), resume) + "; chief=$?; wait $!;"
        + " echo \"exit $chief $?\"";
    console = inLoopbackNamespace(again, output);
    assertTrue(console.contains("exit 0 0"), console + ConsoleFiles.of(output));
    JsonNode resumed = metrics(output);
    if (twoWorkers != null) {
      assertEquals(twoWorkers.get("test"), resumed.get("test"), "the uninterrupted two workers' test metrics,"
          + " bit for bit");
    }
    for (String metric : List.of("mse", "mae")) {
      double expected = alone.at("/test/" + metric).asDouble();
      assertEquals(expected, resumed.at("/test/" + metric).asDouble(), RELATIVE_TOLERANCE * expected);
    }
  }

  private static final String CHECKPOINTS = "--set training.checkpoint_every_steps=5";

  @Test
  void workersWithDifferentSeedsAreRefusedNamingTheDifference() throws Exception {
    Assumptions.assumeTrue(LoopbackNamespace.available(), "needs `unshare --net` and `ip` (root, Linux)");
    Path output = shared.resolve("differ");
    String cluster = "127.0.0.1:23451,127.0.0.1:23452";
    String script = worker(output, cluster, 1, output.resolve("worker-1.console"), "--set", "seed=8") + " & "
        + worker(output, cluster, 0, output.resolve("worker-0.console")) + "; chief=$?; wait $!;"
        + " echo \"exit $chief $?\"";
    String console = inLoopbackNamespace(script, output);
    assertFalse(console.contains("exit 0"), console);
    for (int task = 0; task < 2; task++) {
      String log = Files.readString(output.resolve("worker-" + task + ".console"));
      assertTrue(log.contains("do not run the same setup: their seeds differ"), log);
    }
  }

  @Test
  void aWorkerThatNeverStartsIsNamedAfterThePeerWait() throws Exception {
    Assumptions.assumeTrue(LoopbackNamespace.available(), "needs `unshare --net` and `ip` (root, Linux)");
    Path output = shared.resolve("alone-in-a-pair");
    String script = worker(output, "127.0.0.1:23461,127.0.0.1:23462", 0, output.resolve("worker-0.console"),
        "--peer-wait", "3") + "; echo \"exit $?\"";
    String console = inLoopbackNamespace(script, output);
    assertTrue(console.contains("exit 1"), console + ConsoleFiles.of(output));
    String chief = Files.readString(output.resolve("worker-0.console"));
    assertTrue(chief.contains("error: worker 1 at 127.0.0.1:23462 did not answer within 3 s"), chief);
  }

  private static JsonNode metrics(Path output) throws Exception {
    List<Path> runs = runFolders(output);
    assertEquals(1, runs.size(), runs.toString());
    return Experiments.MAPPER.readTree(runs.get(0).resolve("metrics.json").toFile());
  }

  private static List<Path> runFolders(Path output) throws Exception {
    try (Stream<Path> entries = Files.list(output)) {
      return entries.filter(Files::isDirectory).toList();
    }
  }


  /**
   * A shell command running the CLI as worker {@code task} of {@code cluster}, its console to {@code console}: the
   * test's experiment into {@code output}, or with {@code output} null what {@code extra} says (a resume).
   */
  private static String worker(Path output, String cluster, int task, Path console, String... extra) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String what = output == null ? "" : "'" + experiment + "' --output-dir '" + output + "'";
    return "TF_CPP_MIN_LOG_LEVEL=2 timeout 300 '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' io.tsllm.core.cli.Main run " + what + " --cluster " + cluster + " --task " + task + " "
        + String.join(" ", extra) + " > '" + console + "' 2>&1";
  }

  private static String inLoopbackNamespace(String script, Path output) throws Exception {
    Files.createDirectories(output);
    Path console = output.resolve("namespace.console");
    Process process = new ProcessBuilder("unshare", "--net", "sh", "-c", "ip link set lo up && " + script)
        .redirectErrorStream(true).redirectOutput(console.toFile()).start();
    boolean ended = process.waitFor(400, TimeUnit.SECONDS);
    process.destroyForcibly();
    assertTrue(ended, "the workers end by themselves");
    return Files.readString(console);
  }

}
