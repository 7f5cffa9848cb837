package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.run.ExperimentRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported model, used the way a user outside the training process would. */
class EvaluatePredictTest {

  @TempDir static Path temp;
  static Path run;
  static JsonNode metrics;
  final CliRunner cli = new CliRunner();

  @BeforeAll
  static void trainOnce() throws Exception {
    Path experiment = Experiments.write(temp, e -> ((ObjectNode) e.get("training")).put("epochs", 1)
        .put("max_train_steps", 20));
    run = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, temp.resolve("runs"), List.of()).directory().path();
    metrics = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
  }

  @Test
  void evaluateThroughTheSavedModelReproducesTheRunsTestMetrics() throws Exception {
    CliRunner.Outcome outcome = cli.run("evaluate", "--model", run.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    JsonNode report = Experiments.MAPPER.readTree(run.resolve("evaluation.json").toFile());
    for (String metric : List.of("mse", "mae", "mse_original", "naive_mse")) {
      double expected = metrics.at("/test/" + metric).asDouble();
      assertEquals(expected, report.at("/test/" + metric).asDouble(), 1e-4 * expected, metric);
    }
    assertTrue(outcome.out().contains("mse_original"), outcome.out());
  }

  @Test
  void predictForecastsTheHorizonFromTheLastRowsOfACsv() throws Exception {
    List<String> lines = Files.readAllLines(Experiments.ETTH1).subList(0, 201);
    Path history = Files.write(temp.resolve("history.csv"), lines);
    Path forecast = temp.resolve("forecast.csv");

    CliRunner.Outcome outcome = cli.run("predict", "--model", run.resolve("saved_model").toString(), "--input",
        history.toString(), "--output", forecast.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    List<String> rows = Files.readAllLines(forecast);
    assertEquals("step,HUFL,HULL,MUFL,MULL,LUFL,LULL,OT", rows.get(0));
    assertEquals(1 + 24, rows.size());
    double ot = Double.parseDouble(rows.get(1).split(",")[7]);
    assertTrue(ot > -10 && ot < 60, "a temperature in the data's own units: " + ot);
  }

  @Test
  void predictFindsTheModelsColumnsByNameAndIgnoresOthers() throws Exception {
    List<String> lines = Files.readAllLines(Experiments.ETTH1).subList(0, 201);
    Path history = Files.write(temp.resolve("history.csv"), lines);
    List<String> shuffled = new java.util.ArrayList<>();
    for (int r = 0; r < lines.size(); r++) {
      String[] f = lines.get(r).split(",");
      // OT first, then the others reversed, the date last, and a text column the model does not take.
      shuffled.add(String.join(",", f[7], f[6], f[5], f[4], f[3], f[2], f[1], f[0], r == 0 ? "note" : "ok " + r));
    }
    Path reordered = Files.write(temp.resolve("reordered.csv"), shuffled);

    CliRunner.Outcome plain = cli.run("predict", "--model", run.toString(), "--input", history.toString(),
        "--output", temp.resolve("plain.csv").toString());
    CliRunner.Outcome moved = cli.run("predict", "--model", run.toString(), "--input", reordered.toString(),
        "--output", temp.resolve("moved.csv").toString());

    assertEquals(0, plain.exitCode(), plain.err());
    assertEquals(0, moved.exitCode(), moved.err());
    assertTrue(moved.out().contains("ignored the columns [note]"), moved.out());
    assertEquals(Files.readAllLines(temp.resolve("plain.csv")), Files.readAllLines(temp.resolve("moved.csv")));
  }

  @Test
  void predictChecksTheInputBeforeLoadingTheModel() throws Exception {
    Path saved = run.resolve("saved_model");
    Path broken = Files.createDirectories(temp.resolve("broken"));
    Files.copy(saved.resolve("tsllm.json"), broken.resolve("tsllm.json"));
    Files.writeString(broken.resolve("saved_model.pb"), "not a SavedModel");
    Path short_ = Files.write(temp.resolve("short.csv"), Files.readAllLines(Experiments.ETTH1).subList(0, 20));

    CliRunner.Outcome outcome = cli.run("predict", "--model", broken.toString(), "--input", short_.toString(),
        "--output", temp.resolve("out.csv").toString());

    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("short.csv") && outcome.err().contains("needs at least"), outcome.err());
  }

  @Test
  void predictRefusesColumnsTheModelWasNotTrainedOn() throws Exception {
    Path history = Files.writeString(temp.resolve("wrong.csv"), "date,a,b\n2016-01-01,1,2\n");
    CliRunner.Outcome outcome = cli.run("predict", "--model", run.toString(), "--input", history.toString(),
        "--output", temp.resolve("out.csv").toString());
    assertEquals(Main.BAD_INPUT, outcome.exitCode());
    assertTrue(outcome.err().contains("wrong.csv") && outcome.err().contains("the model takes 7"), outcome.err());
  }

  /** A copy of the run's export, for damaging. */
  private static Path exportCopy(String name) throws Exception {
    Path copy = temp.resolve(name);
    try (var files = Files.walk(run.resolve("saved_model"))) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(run.resolve("saved_model").relativize(file).toString()));
      }
    }
    return copy;
  }

  @Test
  void aDamagedExportIsNamedWithWhatIsWrong() throws Exception {
    Path history = Files.write(temp.resolve("history-d.csv"), Files.readAllLines(Experiments.ETTH1).subList(0, 201));
    Path noVariables = exportCopy("no-variables");
    try (var files = Files.walk(noVariables.resolve("variables"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Path truncated = exportCopy("truncated");
    Path data;
    try (var files = Files.list(truncated.resolve("variables"))) {
      data = files.filter(p -> p.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
    Files.write(data, java.util.Arrays.copyOf(Files.readAllBytes(data), 16));
    Path disagreeing = exportCopy("disagreeing");
    Files.writeString(disagreeing.resolve("tsllm.json"), Files.readString(disagreeing.resolve("tsllm.json"))
        .replaceFirst("\"input_length\" : 96", "\"input_length\" : 24"));

    for (Path model : List.of(noVariables, truncated, disagreeing)) {
      CliRunner.Outcome outcome = cli.run("predict", "--model", model.toString(), "--input", history.toString(),
          "--output", temp.resolve("out-" + model.getFileName() + ".csv").toString());
      assertEquals(Main.BAD_INPUT, outcome.exitCode(), model + ": " + outcome.err());
      assertTrue(outcome.err().contains(model.toString()) || outcome.err().contains("the export"), outcome.err());
      assertTrue(!outcome.err().contains("internal error") && !outcome.err().contains("\tat "), outcome.err());
    }
    assertTrue(cli.run("predict", "--model", noVariables.toString(), "--input", history.toString(), "--output",
        temp.resolve("x.csv").toString()).err().contains("variables/variables.index"));
    assertTrue(cli.run("predict", "--model", disagreeing.toString(), "--input", history.toString(), "--output",
        temp.resolve("y.csv").toString()).err().contains("describes windows of 24"));
  }
}
