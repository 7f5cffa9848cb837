package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.core.BrowserCheck;
import io.tsllm.core.Experiments;
import io.tsllm.core.suite.SuiteFolder;
import io.tsllm.core.suite.SuiteReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite command at CI size: bad suite files refused whole before anything runs, a suite killed twice and rerun
 * giving the uninterrupted results bit for bit, failed cells reported, kept and retried, the report readable in a
 * browser, and the dry run's estimates.
 */
class SuiteCommandTest {

  @TempDir static Path shared;
  @TempDir Path temp;

  static Path suite;
  static Path uninterrupted;

  @BeforeAll
  static void runUninterrupted() throws Exception {
    suite = writeSuite(shared, """
        {"name": "tiny-suite", "experiments": {"etth1": "experiment.json"},
         "arms": {"gpt2": {}, "identity": {"set": {"backbone": {"type": "identity", "width": 64}}}},
         "axes": {"data.horizon": [12, 24]},
         "seeds": [1, 2],
         "compare": {"published": ["published.json"], "method": "Paper", "datasets": {"etth1": "ETTh1"},
                     "settings": {"horizon": "data.horizon"}, "tolerance": 0.5}}
        """);
    Files.writeString(shared.resolve("published.json"), """
        {"method": "Paper", "paper": "A paper", "url": "https://example.org/paper",
         "figures": [
           {"dataset": "ETTh1", "setting": {"horizon": 12}, "metrics": {"mse": 0.30}, "source": "Table 1"},
           {"dataset": "ETTh1", "setting": {"horizon": 24}, "metrics": {"mse": 0.40}, "source": "Table 1"},
           {"dataset": "ETTh1", "setting": {"horizon": "avg"}, "average_of": "horizon", "metrics": {"mse": 0.30},
            "source": "Table 1, Avg"}]}
        """);
    CliRunner.Outcome outcome = new CliRunner().run("suite", suite.toString(), "--output-dir",
        shared.resolve("reference").toString(), "--quiet");
    assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
    uninterrupted = shared.resolve("reference/tiny-suite");
    assertTrue(outcome.out().contains("[8/8] etth1.identity.horizon-24.seed-2: completed in"), outcome.out());
  }

  @Test
  void theReportHoldsEveryCellTheStatisticsTheAblationAndThePublishedComparison() throws Exception {
    String results = Files.readString(uninterrupted.resolve(SuiteReport.RESULTS));
    assertEquals(8, results.lines().filter(l -> l.contains(",completed,mse,")).count(), results);
    assertTrue(results.startsWith("cell,experiment,arm,data.horizon,seed,state,metric,value\n"), results);
    String summary = Files.readString(uninterrupted.resolve(SuiteReport.SUMMARY));
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("etth1,identity,24,mse,2,")), summary);
    String report = Files.readString(uninterrupted.resolve(SuiteReport.MARKDOWN));
    assertTrue(report.contains("## Ablation on mse: each arm against gpt2"), report);
    assertTrue(report.contains("| identity | 2 |"), report);
    assertTrue(report.contains("## Against the published Paper figures"), report);
    assertTrue(report.contains("| etth1 horizon=12 | gpt2 | Paper | mse |") && report.contains("| 0.3000 |"), report);
    assertTrue(report.matches("(?s).*\\*\\*[0-4] of 4\\*\\* paper-setup cells reproduced on mse.*"),
        "the report counts the paper-setup cells reproduced (2 arms x 2 horizons): " + report);
    assertTrue(report.contains("prints ETTh1 mse {horizon=\"avg\"} = 0.3000") && report.contains("its rows average"
        + " 0.3500"), "the paper's average disagreeing with its rows is shown with both values: " + report);
    assertTrue(Files.isRegularFile(uninterrupted.resolve("plots/etth1-mse.png")));
    BrowserCheck.assertRendersCleanly(uninterrupted.resolve(SuiteReport.HTML), 2);

    // Each cell is an ordinary run folder: runs lists them.
    CliRunner.Outcome runs = new CliRunner().run("runs", uninterrupted.resolve(SuiteFolder.CELLS).toString());
    assertEquals(8, runs.out().lines().filter(l -> l.contains("completed")).count(), runs.out());
    CliRunner.Outcome suiteRuns = new CliRunner().run("runs", uninterrupted.toString());
    assertEquals(8, suiteRuns.out().lines().filter(l -> l.contains("completed")).count(),
        "runs on the suite folder lists its cells: " + suiteRuns.out());

    // The report can be written again at any time, and says the same.
    Path copy = temp.resolve("copy");
    copyTree(uninterrupted, copy);
    CliRunner.Outcome again = new CliRunner().run("suite", "--report", copy.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(results, Files.readString(copy.resolve(SuiteReport.RESULTS)));
  }

  @Test
  void aSuiteKilledTwiceAndRunAgainGivesTheUninterruptedResultsBitForBit() throws Exception {
    Path output = temp.resolve("killed");
    Random random = new Random(20261126);
    for (int kill = 0; kill < 2; kill++) {
      Process process = cli(output, temp.resolve("kill-" + kill + ".log"));
      // Kill somewhere inside a cell: after some cell has a checkpoint, then a random moment later.
      awaitCheckpoint(output.resolve("tiny-suite/cells"), process);
      Thread.sleep(random.nextInt(2500));
      process.destroyForcibly();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    }
    Process last = cli(output, temp.resolve("last.log"));
    assertTrue(last.waitFor(10, TimeUnit.MINUTES));
    assertEquals(0, last.exitValue(), Files.readString(temp.resolve("last.log")));
    assertTrue(Files.readString(temp.resolve("last.log")).contains("resumed and completed"),
        "a killed cell was resumed: " + Files.readString(temp.resolve("last.log")));
    assertEquals(Files.readString(uninterrupted.resolve(SuiteReport.RESULTS)),
        Files.readString(output.resolve("tiny-suite").resolve(SuiteReport.RESULTS)));
  }

  @Test
  void cellsRunInParallelGiveTheSameResultsAndKeepTheirOwnLogs() throws Exception {
    Path output = temp.resolve("parallel");
    // Two cells at a time with the reference's thread count each: the same numbers, bit for bit.
    CliRunner.Outcome outcome = new CliRunner().run("suite", suite.toString(), "--output-dir", output.toString(),
        "--parallel", "2", "--threads-per-cell", String.valueOf(Runtime.getRuntime().availableProcessors()));
    assertEquals(0, outcome.exitCode(), outcome.out() + outcome.err());
    Path folder = output.resolve("tiny-suite");
    assertEquals(Files.readString(uninterrupted.resolve(SuiteReport.RESULTS)),
        Files.readString(folder.resolve(SuiteReport.RESULTS)));
    try (Stream<Path> cells = Files.list(folder.resolve(SuiteFolder.CELLS))) {
      for (Path cell : cells.toList()) {
        String log = Files.readString(cell.resolve("run.log"));
        assertTrue(log.contains("run folder: " + cell), cell + "'s log names its own folder");
        try (Stream<Path> others = Files.list(folder.resolve(SuiteFolder.CELLS))) {
          others.filter(other -> !other.equals(cell)).forEach(other -> assertFalse(
              log.contains("run folder: " + other + "\n") || log.contains("outputs: " + other + "\n"),
              cell + "'s log holds lines of " + other));
        }
      }
    }
  }

  @Test
  void badSuiteFilesAreRefusedWithEveryProblemBeforeAnythingRuns() throws Exception {
    Path structure = writeSuite(temp, """
        {"name": "bad", "experiments": {"etth1": "experiment.json", "gone": "missing.json"},
         "arms": {"a": {"set": {"backbone.n_layer": 2}, "colour": "red"}},
         "axes": {"data.horizon": [], "training.epochs": [1, 1]},
         "seeds": [1, "two"]}
        """);
    CliRunner.Outcome refused = new CliRunner().run("suite", structure.toString(), "--output-dir",
        temp.resolve("out").toString());
    assertEquals(2, refused.exitCode());
    for (String problem : List.of("experiments.gone: \"missing.json\"", "arms.a.colour", "axes.\"data.horizon\": []",
        "axes.\"training.epochs\"[1]: 1", "seeds[1]: \"two\"")) {
      assertTrue(refused.err().contains(problem), problem + " in: " + refused.err());
    }

    Path cells = writeSuite(temp, """
        {"name": "bad", "experiments": {"etth1": "experiment.json"},
         "arms": {"gpt2": {},
                  "same": {"set": {"backbone.n_layer": 2}},
                  "unknown": {"set": {"backbone": {"type": "gpt5"}}}},
         "axes": {"backbone.n_layers": [3], "training.epochs": ["many"]},
         "seeds": [1]}
        """);
    refused = new CliRunner().run("suite", cells.toString(), "--output-dir", temp.resolve("out").toString(),
        "--set", "training.batch_size=-4");
    assertEquals(2, refused.exitCode());
    String err = refused.err();
    for (String problem : List.of("cell etth1.gpt2.n_layers-3.epochs-many.seed-1: backbone.n_layers",
        "cell etth1.gpt2.n_layers-3.epochs-many.seed-1: training.epochs: \"many\"",
        "cell etth1.gpt2.n_layers-3.epochs-many.seed-1: training.batch_size: -4",
        "cell etth1.unknown.n_layers-3.epochs-many.seed-1: backbone.type: \"gpt5\"")) {
      assertTrue(err.contains(problem), problem + " in: " + err);
    }
    assertFalse(Files.exists(temp.resolve("out")), "nothing is created for a refused suite");

    Path duplicate = writeSuite(temp, """
        {"name": "dup", "experiments": {"etth1": "experiment.json"},
         "arms": {"gpt2": {}, "same": {"set": {"backbone.n_layer": 2}}}, "seeds": [1]}
        """);
    refused = new CliRunner().run("suite", duplicate.toString(), "--output-dir", temp.resolve("out").toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("cell etth1.same.seed-1: the same experiment as cell etth1.gpt2.seed-1"),
        refused.err());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  @Test
  void aFailedCellIsReportedWithoutStoppingTheOthersAndRetriedOnlyWhenAsked() throws Exception {
    // The exploding dataset reads well at first, then fails while the cell trains ("the disk went away").
    Path jar = io.tsllm.core.PluginJars.explodingDatasetJar(Files.createDirectories(temp.resolve("plugins")));
    Path failing = writeSuite(temp, """
        {"name": "failing", "experiments": {"etth1": "experiment.json"},
         "arms": {"gpt2": {}, "exploding": {"set": {"data": {"type": "exploding", "fail_after_reads": 100}}}},
         "seeds": [1]}
        """);
    Path output = temp.resolve("out");
    String plugins = "--plugins=" + jar;
    CliRunner.Outcome first = new CliRunner().run("suite", failing.toString(), "--output-dir", output.toString(),
        "--quiet", plugins);
    assertEquals(SuiteCommand.SOME_FAILED, first.exitCode(), first.out() + first.err());
    assertTrue(first.out().contains("etth1.exploding.seed-1: FAILED: the disk went away"), first.out());
    assertTrue(first.out().contains("etth1.gpt2.seed-1: completed"), first.out());
    String report = Files.readString(output.resolve("failing").resolve(SuiteReport.MARKDOWN));
    assertTrue(report.contains("## Cells without results") && report.contains("| etth1.exploding.seed-1 | failed |"),
        report);

    CliRunner.Outcome again = new CliRunner().run("suite", failing.toString(), "--output-dir", output.toString(),
        "--quiet", plugins);
    assertEquals(SuiteCommand.SOME_FAILED, again.exitCode());
    assertTrue(again.out().contains("etth1.gpt2.seed-1: completed earlier"), again.out());
    assertTrue(again.out().contains("etth1.exploding.seed-1: failed earlier, not retried"), again.out());

    CliRunner.Outcome retried = new CliRunner().run("suite", failing.toString(), "--output-dir",
        output.toString(), "--quiet", "--retry-failed", plugins);
    assertEquals(SuiteCommand.SOME_FAILED, retried.exitCode(), "it fails again, deterministically");
    assertTrue(Files.isRegularFile(output.resolve("failing/failed/etth1.exploding.seed-1-1/status.json")),
        "the earlier failed attempt is kept");
  }

  @Test
  void aDryRunCountsStepsAndEstimatesTimeWithoutCreatingAnything() {
    CliRunner.Outcome dry = new CliRunner().run("suite", suite.toString(), "--dry-run", "--output-dir",
        temp.resolve("dry").toString(), "--set", "training.max_train_steps=5");
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("is valid: 8 cells"), dry.out());
    assertTrue(dry.out().lines().anyMatch(l -> l.startsWith("etth1.gpt2.horizon-12.seed-1") && l.contains(" 10 ")),
        "2 epochs of 5 steps: " + dry.out());
    assertTrue(dry.out().contains("total: about"), dry.out());
    assertFalse(Files.exists(temp.resolve("dry")));
  }

  private static Path writeSuite(Path folder, String suiteJson) throws Exception {
    if (!Files.exists(folder.resolve("experiment.json"))) {
      Experiments.write(folder, e -> ((com.fasterxml.jackson.databind.node.ObjectNode) e.get("training"))
          .put("max_train_steps", 24).put("checkpoint_every_steps", 4));
    }
    return Files.writeString(folder.resolve("suite-" + Math.abs(suiteJson.hashCode()) + ".json"), suiteJson);
  }

  private static Process cli(Path output, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.tsllm.core.cli.Main", "suite", suite.toString(), "--output-dir", output.toString(), "--quiet");
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }

  private static void awaitCheckpoint(Path cells, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.isDirectory(cells)) {
        try (Stream<Path> list = Files.list(cells)) {
          boolean training = list.anyMatch(cell -> Files.exists(cell.resolve("checkpoints/last.json"))
              && !Files.exists(cell.resolve("metrics.json")));
          if (training) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no cell was seen training");
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
