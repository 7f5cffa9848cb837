package io.tsllm.core.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.train.CpuFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's own cost beside its cells' training: planning and checking every cell, the time each cell spends
 * outside its run folder's recorded span (preparing its experiment, folder checks, outcome records), and writing the
 * report; printed, not asserted.
 */
@Tag("benchmark")
class SuiteOverheadBenchmark {

  @TempDir Path temp;

  @Test
  void suiteCostPerCellAgainstTheCellsTrainingTime() throws Exception {
    Experiments.write(temp, e -> {
      ((ObjectNode) e.get("data")).put("input_length", 336).put("horizon", 96);
      ((ObjectNode) e.get("backbone")).put("n_positions", 64);
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 50);
    });
    Path suite = Files.writeString(temp.resolve("suite.json"), """
        {"name": "overhead", "experiments": {"etth1": "experiment.json"},
         "arms": {"gpt2": {}, "identity": {"set": {"backbone": {"type": "identity", "width": 64}}}},
         "axes": {"data.horizon": [96, 192]}, "seeds": [1, 2]}
        """);
    var injector = Injectors.create(PluginLocations.none());
    SuiteJob job = injector.getInstance(SuiteJob.class);

    long start = System.nanoTime();
    SuiteJob.Planned planned = job.plan(suite, List.of());
    SuiteFolder folder = job.folder(planned, temp.resolve("out"));
    double planning = seconds(start);

    start = System.nanoTime();
    List<CellOutcome> outcomes = injector.getInstance(LocalSuiteRunner.class)
        .run(planned.plan(), folder, 1, 0, false, line -> { });
    double cells = seconds(start);

    start = System.nanoTime();
    job.report(planned.plan(), folder);
    double report = seconds(start);

    double runs = 0;
    double training = 0;
    for (CellOutcome outcome : outcomes) {
      Path run = folder.cell(outcome.cell());
      JsonNode provenance = Experiments.MAPPER.readTree(run.resolve("provenance.json").toFile());
      runs += Duration.between(Instant.parse(provenance.get("started").asText()),
          Instant.parse(provenance.get("ended").asText())).toMillis() / 1000.0;
      for (JsonNode epoch : Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile()).get("epochs")) {
        training += epoch.get("seconds").asDouble();
      }
    }
    int n = outcomes.size();
    System.out.printf(java.util.Locale.ROOT, "suite overhead benchmark (%s, %d cores, %d cells of 50 steps):"
            + " planning and checking every cell %.2f s (%.2f s per cell); per cell: %.2f s in the suite, of which"
            + " %.2f s is its run folder's recorded span (training %.2f s, the rest its validation and test passes,"
            + " export and reports) and %.3f s outside it (its experiment prepared, and the suite's bookkeeping);"
            + " report %.2f s (%.3f s per cell)%n",
        CpuFeatures.detect().model(), Runtime.getRuntime().availableProcessors(), n, planning, planning / n,
        cells / n, runs / n, training / n, (cells - runs) / n, report, report / n);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
