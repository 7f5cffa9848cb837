package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Univariate (S) and multivariate-to-univariate (MS) forecasting through the whole pipeline, export included. */
class ForecastModesTest {

  @TempDir Path temp;

  @ParameterizedTest
  @CsvSource({"S, 1", "MS, 7"})
  void forecastsTheTargetChannel(String features, int channels) throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      ((ObjectNode) e.get("data")).put("features", features);
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 10);
    });
    RunResult result = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, temp.resolve("runs"), List.of());
    Path run = result.directory().path();
    JsonNode metrics = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
    assertTrue(Double.isFinite(metrics.at("/test/mse_original").asDouble()));
    JsonNode provenance = Experiments.MAPPER.readTree(run.resolve("provenance.json").toFile());
    assertEquals(channels, provenance.at("/data/columns").size());
    assertEquals("OT", provenance.at("/data/columns/" + (channels - 1)).asText());
    String header = java.nio.file.Files.readAllLines(run.resolve("predictions.csv")).get(0);
    assertEquals("window,step,OT_prediction,OT_target", header);
  }
}
