package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.PluginJars;
import io.tsllm.core.UserInputException;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.train.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of an epoch, or stopped with SIGTERM (as Ctrl-C), and then resumed,
 * ends with exactly the metrics of the same run left alone.
 */
class ResumeTest {

  @TempDir static Path shared;
  @TempDir Path temp;

  static Path experiment;
  static JsonNode uninterrupted;

  @BeforeAll
  static void runUninterrupted() throws Exception {
    experiment = Experiments.write(shared, e -> ((ObjectNode) e.get("training")).put("epochs", 2)
        .put("max_train_steps", 60).put("checkpoint_every_steps", 10).put("threads", 2));
    RunResult result = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, shared.resolve("reference"), List.of());
    uninterrupted = Experiments.MAPPER.readTree(result.directory().path().resolve("metrics.json").toFile());
  }

  @Test
  void killedMidEpochAndResumedGivesTheUninterruptedMetricsBitForBit() throws Exception {
    Process process = cli(experiment, temp.resolve("killed"));
    JsonNode killedAt = waitForLast(temp.resolve("killed"), state -> state.path("step_in_epoch").asInt() > 0);
    process.destroyForcibly();  // SIGKILL: no shutdown hooks, no clean-up
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertTrue(killedAt.path("step_in_epoch").asInt() > 0, "killed mid-epoch: " + killedAt);

    Path run = onlyRun(temp.resolve("killed"));
    assertEquals("running", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
    JsonNode resumed = resume(run);

    assertSameResults(uninterrupted, resumed);
  }

  @Test
  void ctrlCSavesStopsAndResumesToTheSameMetrics() throws Exception {
    Process process = cli(experiment, temp.resolve("stopped"), "--quiet");
    waitForLast(temp.resolve("stopped"), state -> state.path("global_step").asInt() >= 10);
    process.destroy();  // SIGTERM runs the shutdown hook, as Ctrl-C's SIGINT does
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    // The JVM reports the signal that ended it: 143 for SIGTERM (130 for an interactive Ctrl-C's SIGINT).
    assertEquals(143, process.exitValue());

    Path run = onlyRun(temp.resolve("stopped"));
    String console = Files.readString(temp.resolve("stopped.log"));
    assertTrue(console.contains("run folder: " + run) && console.contains("run --resume " + run)
        && !console.contains("tokens per sequence"), "--quiet keeps where the run is and how to go on: " + console);
    JsonNode status = Experiments.MAPPER.readTree(run.resolve("status.json").toFile());
    assertEquals("interrupted", status.get("state").asText());
    assertTrue(status.get("error").asText().contains("--resume"), status.toString());
    JsonNode resumed = resume(run);

    assertSameResults(uninterrupted, resumed);
  }

  @Test
  void aSecondProcessIsRefusedWhileTheFirstHoldsTheFolderAndAKilledRunIsListedAsStopped() throws Exception {
    Process process = cli(experiment, temp.resolve("locked"));
    waitForLast(temp.resolve("locked"), state -> state.path("global_step").asInt() >= 10);
    Path run = onlyRun(temp.resolve("locked"));

    UserInputException refused = org.junit.jupiter.api.Assertions.assertThrows(UserInputException.class,
        () -> Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
            .resume(run, new RunOptions(null, List.of(), null), new StopSignal()));
    assertTrue(refused.getMessage().contains("being run by another process (pid " + process.pid() + ")"),
        refused.getMessage());
    assertEquals("running", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText(),
        "the refused process leaves the status alone");

    process.destroyForcibly();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    java.io.StringWriter out = new java.io.StringWriter();
    int code = io.tsllm.core.cli.Main.execute(java.util.Map.of(), new java.io.PrintWriter(out),
        new java.io.PrintWriter(new java.io.StringWriter()), "runs", temp.resolve("locked").toString());
    assertEquals(0, code);
    assertTrue(out.toString().contains(run.getFileName() + "") && out.toString().contains("stopped"), out.toString());
    assertSameResults(uninterrupted, resume(run));
  }

  @Test
  void sigtermDuringTheTestPassLeavesAnInterruptedRunThatResumesToCompletion() throws Exception {
    Path jar = PluginJars.slowTestDatasetJar(Files.createDirectories(temp.resolve("plugins")));
    Path slow = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "slow-test");
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 5).put("threads", 2);
    });
    Process process = cli(slow, temp.resolve("late"), "--plugins", jar.toString());
    waitForLast(temp.resolve("late"), state -> state.path("done").asBoolean());
    process.destroy();  // SIGTERM while the slow test pass runs
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));

    Path run = onlyRun(temp.resolve("late"));
    JsonNode status = Experiments.MAPPER.readTree(run.resolve("status.json").toFile());
    assertEquals(143, process.exitValue());
    assertEquals("interrupted", status.get("state").asText(), "exit code and status agree: " + status);
    ExperimentRunner runner = Injectors.create(new PluginLocations(List.of(jar))).getInstance(ExperimentRunner.class);
    runner.resume(run, new RunOptions(null, List.of(), null), new StopSignal());
    assertEquals("completed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
    assertTrue(Files.isRegularFile(run.resolve("saved_model/tsllm.json")));
  }

  @Test
  void killedAtRandomMomentsAndResumedEachTimeEndsWithTheUninterruptedMetrics() throws Exception {
    // Kills land anywhere: in steps, in checkpoint saves (one every 10 steps and at each epoch's end), in the
    // validation and test passes, in the export, in start-up; each resume must carry on exactly.
    java.util.Random random = new java.util.Random(20261126);
    Path output = temp.resolve("random");
    Process process = cli(experiment, output);
    waitForLast(output, state -> true);
    Path run = onlyRun(output);
    int kills = 0;
    while (kills < 4 && !process.waitFor(1500 + random.nextInt(3500), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      kills++;
      process = resumeCli(run, temp.resolve("random-" + kills + ".log"));
    }
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the last resume finishes");
    assertEquals(0, process.exitValue(), Files.readString(temp.resolve("random-" + kills + ".log")));
    assertTrue(kills >= 1, "killed " + kills + " times");
    assertEquals("completed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
    assertSameResults(uninterrupted, Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile()));
  }

  @Test
  void patchTstsBatchNormStatisticsAndOneCycleResumeBitForBitAndTheExportScoresAsTheRun() throws Exception {
    // BatchNorm's running statistics are state outside the optimizer, and the tst schedule feeds Adam's beta1 per
    // step: a run killed mid-epoch and resumed must still end exactly as the uninterrupted one.
    Path patchTst = Experiments.write(Files.createDirectories(temp.resolve("patchtst-experiment")), e -> {
      e.putObject("backbone").put("type", "patchtst").put("d_model", 16).put("n_heads", 4).put("e_layers", 2)
          .put("d_ff", 32).put("dropout", 0.3);
      ObjectNode training = (ObjectNode) e.get("training");
      training.put("epochs", 2).put("max_train_steps", 30).put("checkpoint_every_steps", 5).put("threads", 2)
          .put("eval_batch_size", 128).put("drop_last", true);
      training.putObject("schedule").put("type", "tst");
    });
    RunResult reference = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(patchTst, temp.resolve("patchtst-reference"), List.of());
    JsonNode expected = Experiments.MAPPER.readTree(reference.directory().path().resolve("metrics.json").toFile());
    assertTrue(expected.at("/test/mse_drop_last").isNumber(), "drop_last adds the paper protocol's figures");

    Process process = cli(patchTst, temp.resolve("patchtst-killed"));
    waitForLast(temp.resolve("patchtst-killed"), state -> state.path("step_in_epoch").asInt() > 0);
    process.destroyForcibly();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    Path run = onlyRun(temp.resolve("patchtst-killed"));
    assertSameResults(expected, resume(run));

    java.io.StringWriter out = new java.io.StringWriter();
    int code = io.tsllm.core.cli.Main.execute(java.util.Map.of(), new java.io.PrintWriter(out),
        new java.io.PrintWriter(new java.io.StringWriter()), "evaluate", "--model", run.toString());
    assertEquals(0, code, out.toString());
    JsonNode exported = Experiments.MAPPER.readTree(run.resolve(ExportEvaluation.REPORT).toFile()).get("test");
    for (String metric : List.of("mse", "mae")) {
      assertEquals(expected.at("/test/" + metric).asDouble(), exported.get(metric).asDouble(), 1e-6,
          "the export (running statistics inside it) scores " + metric + " as the run did");
    }
  }

  private static Process resumeCli(Path run, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.tsllm.core.cli.Main", "run", "--resume", run.toString());
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void assertSameResults(JsonNode expected, JsonNode actual) {
    assertEquals(expected.get("test"), actual.get("test"), "test metrics, bit for bit");
    for (int i = 0; i < expected.get("epochs").size(); i++) {
      assertEquals(expected.at("/epochs/" + i + "/train_loss").asDouble(), actual.at("/epochs/" + i + "/train_loss")
          .asDouble(), "train loss of epoch " + (i + 1));
      assertEquals(expected.at("/epochs/" + i + "/validation_loss").asDouble(),
          actual.at("/epochs/" + i + "/validation_loss").asDouble(), "validation loss of epoch " + (i + 1));
    }
  }

  private JsonNode resume(Path run) throws Exception {
    Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .resume(run, new RunOptions(null, List.of("run", "--resume", run.toString()), null), new StopSignal());
    assertEquals("completed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
    return Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
  }

  private static Process cli(Path experiment, Path output, String... options) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "io.tsllm.core.cli.Main", "run", experiment.toString(), "--output-dir", output.toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    builder.redirectErrorStream(true).redirectOutput(output.resolveSibling(output.getFileName() + ".log").toFile());
    Files.createDirectories(output);
    return builder.start();
  }

  /** Polls the run's last.json until its training state satisfies {@code condition}; returns that state. */
  private static JsonNode waitForLast(Path output, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> runs = Files.list(output)) {
        for (Path run : runs.toList()) {
          Path pointer = run.resolve("checkpoints/last.json");
          if (Files.exists(pointer)) {
            try {
              JsonNode state = Experiments.MAPPER.readTree(pointer.toFile()).get("state");
              if (state != null && condition.test(state)) {
                return state;
              }
            } catch (java.io.IOException beingRenamed) {
              // read again on the next poll
            }
          }
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the run never reached the awaited checkpoint; see " + output + ".log");
  }

  private static Path onlyRun(Path output) throws Exception {
    try (Stream<Path> runs = Files.list(output)) {
      return runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

}
