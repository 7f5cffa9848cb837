package io.tsllm.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.BrowserCheck;
import io.tsllm.core.Experiments;
import io.tsllm.core.PluginJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The starter plugin project (plugins/starter: a dataset loader, an embedder, a backbone and a head, none known to
 * core) built into a jar and run through {@code --plugins}: its head is trained, exported, plotted, served by
 * {@code predict}, summarized by {@code runs} and evaluated through its export, from its declarations alone.
 */
class StarterPluginTest {

  @TempDir static Path temp;
  private static Path jar;
  private static Path runs;
  private static Path run;
  private static CliRunner.Outcome trained;

  @BeforeAll
  static void trainTheStarterExperiment() throws Exception {
    jar = PluginJars.starterJar(Files.createDirectories(temp.resolve("plugins")));
    ObjectNode experiment = (ObjectNode) Experiments.MAPPER.readTree(
        PluginJars.STARTER.resolve("example/experiment.json").toFile());
    ((ObjectNode) experiment.get("data")).put("path",
        PluginJars.STARTER.resolve("example/series.txt").toString());
    ((ObjectNode) experiment.get("training")).put("epochs", 1).put("max_train_steps", 30);
    Path file = Experiments.write(temp, experiment);
    runs = temp.resolve("runs");
    trained = new CliRunner().run("run", file.toString(), "--plugins", jar.toString(), "--output-dir",
        runs.toString());
    try (Stream<Path> list = Files.list(runs)) {
      run = list.findFirst().orElseThrow();
    }
  }

  @Test
  void trainsAndReportsTheHeadsOwnMetricsBesideItsBaseline() throws Exception {
    assertEquals(0, trained.exitCode(), trained.err());
    JsonNode metrics = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
    JsonNode smape = metrics.at("/key_metrics/0");
    assertEquals("smape", smape.get("name").asText());
    assertEquals("LOWER_IS_BETTER", smape.get("direction").asText());
    assertTrue(smape.get("value").asDouble() < smape.at("/baselines/mean").asDouble(),
        "the trained forecast beats the window mean: " + smape);
    String log = Files.readString(run.resolve("run.log"));
    assertTrue(log.matches("(?s).*\\n\\s+mean\\s+\\d.*"), "the console table has the baseline's row: " + log);
  }

  @Test
  void writesTheReportsItsOutputRolesCallFor() throws Exception {
    for (String file : List.of("loss.png", "forecast.png", "predictions.csv", "predictions.npy")) {
      assertTrue(Files.size(run.resolve(file)) > 100, file);
    }
    BrowserCheck.assertRendersCleanly(run.resolve("report.html"), 2);
    assertEquals("window,step,value_prediction,value_target",
        Files.readAllLines(run.resolve("predictions.csv")).get(0));
    JsonNode exported = Experiments.MAPPER.readTree(run.resolve("saved_model/tsllm.json").toFile());
    assertEquals("starter-l1-forecast", exported.get("head").asText());
    assertEquals("FORECAST", exported.at("/outputs/0/role").asText());
  }

  @Test
  void runsSummarizesItsKeyMetricsAndLinksItsPage() throws Exception {
    CliRunner.Outcome listed = new CliRunner().run("runs", runs.toString(), "--html");
    assertEquals(0, listed.exitCode(), listed.err());
    assertTrue(listed.out().contains("smape") && listed.out().contains("(mean "), listed.out());
    String index = Files.readString(runs.resolve("index.html"));
    assertTrue(index.contains("href=\"" + run.getFileName() + "/report.html\""), index);
    BrowserCheck.assertRendersCleanly(runs.resolve("index.html"), 0);
  }

  @Test
  void predictServesItsForecastAndEvaluateReproducesItsMetrics() throws Exception {
    List<String> values = Files.readAllLines(PluginJars.STARTER.resolve("example/series.txt")).subList(1, 201);
    List<String> lines = new java.util.ArrayList<>(List.of("value"));
    lines.addAll(values);
    Path history = Files.write(temp.resolve("history.csv"), lines);
    Path forecast = temp.resolve("forecast.csv");
    CliRunner.Outcome predicted = new CliRunner().run("predict", "--model", run.toString(), "--input",
        history.toString(), "--output", forecast.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    List<String> rows = Files.readAllLines(forecast);
    assertEquals("step,value", rows.get(0));
    assertEquals(1 + 24, rows.size());
    double next = Double.parseDouble(rows.get(1).split(",")[1]);
    assertTrue(next > 3 && next < 20, "a forecast in the series' own units: " + next);

    CliRunner.Outcome evaluated = new CliRunner().run("evaluate", "--model", run.toString(), "--plugins",
        jar.toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    JsonNode metrics = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
    JsonNode report = Experiments.MAPPER.readTree(run.resolve("evaluation.json").toFile());
    double mae = metrics.at("/test/mae").asDouble();
    assertEquals(mae, report.at("/test/mae").asDouble(), 1e-4 * mae);
  }
}
