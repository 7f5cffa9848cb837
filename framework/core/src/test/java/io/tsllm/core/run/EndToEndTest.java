package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.converters.gpt2.HfGpt2Config;
import io.tsllm.converters.safetensors.TensorDType;
import io.tsllm.converters.testing.Gpt2Fixtures;
import io.tsllm.core.BrowserCheck;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    assertTrue(provenance.get("framework_git_commit").asText().matches("[0-9a-f]{40}|unknown"));
    assertTrue(provenance.has("started") && provenance.has("ended") && provenance.has("inter_op_threads"));
    assertTrue(provenance.at("/plugins/backbone/version").isTextual());

    JsonNode best = read(run.resolve("checkpoints/best.json"));
    Path checkpoint = run.resolve("checkpoints").resolve(best.get("folder").asText());
    assertTrue(Files.exists(checkpoint.resolve("model.index")), "TF checkpoint of the best weights");
    assertEquals(metrics.get("best_epoch").asInt(), best.get("epoch").asInt());
    assertTrue(Files.readString(run.resolve("run.log")).contains("validation loss"), "the log is kept");
    String page = Files.readString(run.resolve("report.html"));
    assertTrue(page.contains("<b>mse</b>") && page.contains("class=\"better\""), "key metrics, the better marked");
    BrowserCheck.assertRendersCleanly(run.resolve("report.html"), 2);

    int testWindows = metrics.get("test_windows").asInt();
    byte[] npy = Files.readAllBytes(run.resolve("predictions.npy"));
    String header = new String(npy, 10, 118, java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(header.contains("'shape': (" + testWindows + ", 24, 7)"), header);
    assertEquals(128 + 4L * testWindows * 24 * 7, npy.length, "header + float32 values");
    List<String> csv = Files.readAllLines(run.resolve("predictions.csv"));
    assertEquals(1 + testWindows * 24, csv.size());
    assertTrue(csv.get(0).startsWith("window,step,HUFL_prediction,") && csv.get(0).endsWith(",OT_target"), csv.get(0));
    for (String png : List.of("loss.png", "forecast.png")) {
      byte[] image = Files.readAllBytes(run.resolve(png));
      assertTrue(image.length > 1000 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G', png);
    }

    Map<String, List<Float>> scalars = TensorBoardEvents.scalars(run.resolve("tensorboard"));
    assertEquals(2, scalars.get("epoch/validation_loss").size());
    assertEquals((float) metrics.at("/epochs/1/validation_loss").asDouble(), scalars.get("epoch/validation_loss").get(1));
    assertTrue(scalars.containsKey("train/loss") && scalars.containsKey("validation/mae"), scalars.keySet().toString());

    List<JsonNode> events = Files.readAllLines(run.resolve("events.jsonl")).stream().map(line -> {
      try {
        return Experiments.MAPPER.readTree(line);
      } catch (java.io.IOException e) {
        throw new AssertionError(line, e);
      }
    }).toList();
    assertEquals(2, events.stream().filter(e -> e.get("event").asText().equals("epoch")).count());
    assertEquals(metrics.at("/test/mse"), events.get(events.size() - 1).at("/metrics/mse"));
  }

  @Test
  void fineTunesAPretrainedCheckpointWithLoraUnderTheSeismollmPolicy() throws Exception {
    Path config = Files.writeString(temp.resolve("config.json"),
        "{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_layer\": 3, \"n_head\": 4, \"n_positions\": 32}");
    HfGpt2Config hf = new HfGpt2Config(64, 3, 4, 32, 1e-5, "gelu_new");
    Map<String, Gpt2Fixtures.Tensor> weights = new LinkedHashMap<>();
    int seed = 0;
    for (String name : hf.requiredTensors(3)) {
      Gpt2Fixtures.Tensor t = Gpt2Fixtures.random(hf.expectedShape(name), seed++);
      float[] scaled = t.values().clone();
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] = name.contains("ln_") && name.endsWith("weight") ? 1 + 0.01f * scaled[i] : 0.02f * scaled[i];
      }
      weights.put(name, new Gpt2Fixtures.Tensor(t.shape(), scaled));
    }
    Gpt2Fixtures.writeHfFolder(temp.resolve("tiny-gpt2"), config, weights, Gpt2Fixtures.Layout.SAFETENSORS,
        TensorDType.F32, true);
    Path experiment = Experiments.write(temp, e -> {
      ObjectNode backbone = (ObjectNode) e.get("backbone");
      backbone.put("n_layer", 3).put("layers", 2).put("init", "pretrained").put("weights", "tiny-gpt2")
          .put("trainable", "seismollm");
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 10);
    });

    RunResult result = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, temp.resolve("runs"), List.of());

    Path run = result.directory().path();
    JsonNode parameters = read(run.resolve("parameters.json"));
    assertEquals(2 * 16 * ((64 + 192) + (64 + 64) + (64 + 256) + (256 + 64)),
        parameters.at("/trainable/ADAPTER").asLong(), "rank-16 adapters on the 4 projections of 2 blocks");
    assertTrue(parameters.at("/frozen/BACKBONE").asLong() > 0, "pre-trained projections are frozen");
    assertTrue(parameters.at("/trainable/LAYER_NORM").asLong() > 0);
    assertEquals("completed", read(run.resolve("status.json")).get("state").asText());
  }

  private static JsonNode read(Path file) throws Exception {
    return Experiments.MAPPER.readTree(file.toFile());
  }
}
