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
import org.junit.jupiter.params.provider.ValueSource;

/** Tan et al.'s ablations run through the same pipeline as the full model. */
class AblationRunsTest {

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"identity", "attention"})
  void ablationBackboneTrainsAndTests(String backbone) throws Exception {
    RunResult result = trainBriefly(e -> ablation(e, backbone));
    JsonNode config = Experiments.MAPPER.readTree(result.directory().path().resolve("config.json").toFile());
    assertEquals(backbone, config.at("/backbone/type").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "identity", "attention"})
  void theMultiScaleConvEmbedderFeedsEveryBackboneAndTheForecastHead(String backbone) throws Exception {
    RunResult result = trainBriefly(e -> {
      ObjectNode embedder = e.putObject("embedder").put("type", "multiscale-conv").put("branches", 2)
          .put("patch_length", 4);
      embedder.putArray("channels").add(8).add(16).add(16).add(16);
      if (!backbone.equals("gpt2")) {
        ablation(e, backbone);
      }
    });
    assertTrue(java.nio.file.Files.isRegularFile(result.directory().path().resolve("forecast.png")));
  }

  /** The ablation backbone in place of GPT-2, as wide as the tiny experiment's tokens. */
  private static void ablation(ObjectNode experiment, String backbone) {
    ObjectNode section = experiment.putObject("backbone").put("type", backbone);
    if (backbone.equals("identity")) {
      section.put("width", 64);
    } else {
      section.put("n_embd", 64).put("n_head", 4);
    }
  }

  /** Runs the tiny experiment, edited, for ten steps; its test MSE must be finite. */
  private RunResult trainBriefly(java.util.function.Consumer<ObjectNode> edit) throws Exception {
    Path experiment = Experiments.write(temp, e -> {
      edit.accept(e);
      ((ObjectNode) e.get("training")).put("epochs", 1).put("max_train_steps", 10);
    });
    RunResult result = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class)
        .run(experiment, temp.resolve("runs"), List.of());
    JsonNode metrics = Experiments.MAPPER.readTree(result.directory().path().resolve("metrics.json").toFile());
    assertTrue(Double.isFinite(metrics.at("/test/mse").asDouble()));
    return result;
  }
}
