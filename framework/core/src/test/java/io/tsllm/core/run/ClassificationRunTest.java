package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.BrowserCheck;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.serve.SeriesPrediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GunPoint (UCR) classified by patch embedder + tiny GPT-2 + classify head, end to end. */
class ClassificationRunTest {

  static final Path UCR = Path.of("../../configs/data/ucr").toAbsolutePath().normalize();

  @TempDir Path temp;

  @Test
  void gunPointBeatsTheMajorityClassAndEvaluatesThroughTheExport() throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "ucr").put("train_path", UCR.resolve("GunPoint_TRAIN.ts").toString())
          .put("test_path", UCR.resolve("GunPoint_TEST.ts").toString());
      e.putObject("head").put("type", "classify");
      ((ObjectNode) e.get("training")).put("epochs", 30).put("batch_size", 8).put("patience", 0)
          .put("max_train_steps", 0);
    });
    var injector = Injectors.create(PluginLocations.none());
    RunResult result = injector.getInstance(ExperimentRunner.class).run(experiment, temp.resolve("runs"), List.of());
    Path run = result.directory().path();
    JsonNode metrics = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
    double accuracy = metrics.at("/test/accuracy").asDouble();
    assertTrue(accuracy > metrics.at("/test/naive_accuracy").asDouble() + 0.1,
        "accuracy " + accuracy + " vs majority " + metrics.at("/test/naive_accuracy").asDouble());
    assertEquals(150, metrics.at("/test/confusion.0.0").asInt() + metrics.at("/test/confusion.0.1").asInt()
        + metrics.at("/test/confusion.1.0").asInt() + metrics.at("/test/confusion.1.1").asInt());
    BrowserCheck.assertRendersCleanly(run.resolve("report.html"), 2);
    byte[] png = Files.readAllBytes(run.resolve("confusion.png"));
    assertTrue(png.length > 1000 && png[1] == 'P');

    var evaluated = injector.getInstance(ExportEvaluation.class).evaluate(run, null);
    assertEquals(accuracy, evaluated.get("accuracy"), 1e-9, "the SavedModel classifies the same");

    // predict classifies each window of a CSV series, by the export's CLASS_PROBABILITIES role.
    JsonNode exported = Experiments.MAPPER.readTree(run.resolve("saved_model/tsllm.json").toFile());
    String channel = exported.at("/channel_names/0").asText();
    List<String> lines = Files.readAllLines(UCR.resolve("GunPoint_TEST.ts"));
    String firstCase = lines.get(lines.indexOf("@data") + 1);
    List<String> rows = new java.util.ArrayList<>(List.of(channel));
    rows.addAll(List.of(firstCase.substring(0, firstCase.lastIndexOf(':')).split(",")));
    Path series = Files.write(temp.resolve("case.csv"), rows);
    injector.getInstance(SeriesPrediction.class).predict(run, series, temp.resolve("classes.csv"), null);
    List<String> classified = Files.readAllLines(temp.resolve("classes.csv"));
    assertEquals("first_row,last_row,class,p_1,p_2", classified.get(0));
    String[] fields = classified.get(1).split(",");
    assertEquals(List.of("1", "150"), List.of(fields[0], fields[1]));
    assertTrue(List.of("1", "2").contains(fields[2]), classified.get(1));
    assertEquals(1.0, Double.parseDouble(fields[3]) + Double.parseDouble(fields[4]), 1e-5);
  }
}
