package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny GPT-2 forecaster trained on real ETTh1 through the whole stack, as `run` does it. */
class EndToEndTest {

  @TempDir Path temp;

  @Test
  void trainsTestsAndRecordsATinyForecasterOnEtth1() throws Exception {
    Path experiment = Experiments.write(temp, Experiments.tiny());
    ExperimentRunner runner = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class);

    RunResult result = runner.run(experiment, temp.resolve("runs"), List.of("run", experiment.toString()));

    Path run = result.directory().path();
    assertTrue(run.getFileName().toString().startsWith("tiny-"), run.toString());
    JsonNode status = read(run.resolve("status.json"));
    assertEquals("completed", status.get("state").asText());
    JsonNode metrics = read(run.resolve("metrics.json"));
    assertEquals(14400 - (11520 - 96) - 96 - 24 + 1, metrics.get("test_windows").asInt(), "every test window");
    double mse = metrics.at("/test/mse").asDouble();
    double naive = metrics.at("/test/naive_mse").asDouble();
    assertTrue(Double.isFinite(mse) && mse > 0, "test mse " + mse);
    assertTrue(mse < naive, "model mse " + mse + " should beat the naive forecast's " + naive);
    assertTrue(metrics.at("/test/mse_original").asDouble() > 0);
    assertEquals(2, metrics.get("epochs").size());

    JsonNode config = read(run.resolve("config.json"));
    assertEquals(1e-5, config.at("/backbone/layer_norm_epsilon").asDouble(), "defaults are filled in");
    JsonNode provenance = read(run.resolve("provenance.json"));
    assertEquals(7, provenance.get("seed").asInt());
    assertEquals(Experiments.ETTH1.toString(), provenance.at("/data_files/0/path").asText());
    assertEquals(64, provenance.at("/data_files/0/sha256").asText().length());
    assertTrue(provenance.get("tensorflow_version").asText().startsWith("2."));

    JsonNode best = read(run.resolve("checkpoints/best.json"));
    Path checkpoint = run.resolve("checkpoints").resolve(best.get("folder").asText());
    assertTrue(Files.exists(checkpoint.resolve("model.index")), "TF checkpoint of the best weights");
    assertEquals(metrics.get("best_epoch").asInt(), best.get("epoch").asInt());
    assertTrue(Files.readString(run.resolve("run.log")).contains("validation loss"), "the log is kept");
  }

  private static JsonNode read(Path file) throws Exception {
    return Experiments.MAPPER.readTree(file.toFile());
  }
}
