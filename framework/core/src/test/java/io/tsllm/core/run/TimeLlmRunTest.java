package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.serve.SeriesPrediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time-LLM at CI size: the {@code time-llm} embedder (reprogramming onto the word embedding of a generated tiny
 * LLaMA, with its prompt tokenized by the generated tokenizer) on the frozen {@code llama} backbone, trained on ETTh1;
 * then served from the export, whose signature also takes the prompt ids, rebuilt through the plugin.
 */
class TimeLlmRunTest {

  static final Path TINY_LLAMA = Path.of("../../configs/models/tiny-llama").toAbsolutePath().normalize();
  static Injector injector;

  @TempDir Path temp;

  @BeforeAll
  static void inject() {
    injector = Injectors.create(PluginLocations.none());
  }

  static ObjectNode experiment() {
    ObjectNode e = Experiments.tiny();
    e.put("name", "time-llm");
    e.with("data").put("split", "etth");
    ObjectNode embedder = e.putObject("embedder").put("type", "time-llm").put("d_model", 16).put("heads", 4)
        .put("d_keys", 16).put("prototypes", 64).put("dropout", 0.0);
    embedder.putObject("prompt").put("description", "The Electricity Transformer Temperature (ETT) is a crucial "
        + "indicator in the electric power long-term deployment.").put("tokenizer", TINY_LLAMA.toString())
        .put("length", 80);
    e.putObject("backbone").put("type", "llama").put("init", "pretrained").put("weights", TINY_LLAMA.toString())
        .put("hidden_size", 64).put("intermediate_size", 172).put("num_hidden_layers", 2)
        .put("num_attention_heads", 4).put("num_key_value_heads", 2).put("rms_norm_eps", 1e-5)
        .put("vocab_size", 709).put("trainable", "time-llm");
    e.putObject("head").put("type", "forecast").put("features", 32);
    e.with("training").put("learning_rate", 0.002).put("eval_batch_size", 128).put("epochs", 2)
        .put("max_train_steps", 60);
    return e;
  }

  private static <T> java.util.List<T> iterable(java.util.Iterator<T> items) {
    java.util.List<T> list = new java.util.ArrayList<>();
    items.forEachRemaining(list::add);
    return list;
  }

  @Test
  void trainsOnAFrozenLlamaBeatsNaiveAndServesWithItsPrompt() throws Exception {
    Path file = Experiments.write(temp, experiment());
    RunResult result = injector.getInstance(ExperimentRunner.class).run(file, temp.resolve("runs"), List.of());
    Path run = result.directory().path();
    JsonNode metrics = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
    double mse = metrics.at("/test/mse").asDouble();
    double naive = metrics.at("/test/naive_mse").asDouble();
    assertTrue(mse < naive, "Time-LLM's test MSE " + mse + " against naive " + naive);

    // Time-LLM trains the reprogramming and the head; the language model, word embedding included, stays frozen.
    JsonNode parameters = Experiments.MAPPER.readTree(run.resolve(RunDirectory.PARAMETERS).toFile());
    assertEquals(List.of("EMBEDDER", "HEAD"), List.copyOf(iterable(parameters.get("trainable").fieldNames())),
        parameters.toString());
    assertTrue(parameters.at("/frozen/BACKBONE").asLong() > 709 * 64, parameters.toString());

    JsonNode exported = Experiments.MAPPER.readTree(run.resolve("saved_model/tsllm.json").toFile());
    assertEquals("time-llm", exported.at("/host_inputs/embedder").asText());
    assertEquals("prompt_ids", exported.at("/host_inputs/names/0").asText());

    Map<String, Double> evaluated = injector.getInstance(ExportEvaluation.class).evaluate(run, null);
    assertEquals(mse, evaluated.get("mse"), 1e-4 * Math.max(1, mse), "the export, with prompts rebuilt, "
        + "reproduces the run's test MSE");
    SeriesPrediction.Written written = injector.getInstance(SeriesPrediction.class)
        .predict(run, Experiments.ETTH1, temp.resolve("forecast.csv"), null);
    assertEquals(24, written.rows());
    assertTrue(Files.readAllLines(temp.resolve("forecast.csv")).size() > 24);
  }

  @Test
  void withoutPromptOnARandomGpt2ThatTrainsWholeTheWordEmbeddingTrainsToo() throws Exception {
    // Time-LLM's ablation without prompt-as-prefix, on GPT-2's architecture with random weights, everything training:
    // the word embedding the prototypes are mapped from is then a trained parameter like the rest.
    ObjectNode e = Experiments.tiny();
    e.put("name", "time-llm-gpt2");
    e.putObject("embedder").put("type", "time-llm").put("d_model", 8).put("heads", 2).put("d_keys", 8)
        .put("prototypes", 16);
    e.with("training").put("max_train_steps", 5).put("epochs", 1).put("eval_batch_size", 256);
    RunResult result = injector.getInstance(ExperimentRunner.class)
        .run(Experiments.write(temp, e), temp.resolve("runs"), List.of());
    JsonNode metrics = Experiments.MAPPER.readTree(result.directory().path().resolve("metrics.json").toFile());
    assertTrue(Double.isFinite(metrics.at("/test/mse").asDouble()), metrics.toString());
    JsonNode parameters = Experiments.MAPPER.readTree(result.directory().path().resolve(RunDirectory.PARAMETERS)
        .toFile());
    assertTrue(parameters.at("/trainable/BACKBONE").asLong() >= 50257L * 64, parameters.toString());
    JsonNode exported = Experiments.MAPPER.readTree(result.directory().path().resolve("saved_model/tsllm.json")
        .toFile());
    assertTrue(exported.path("host_inputs").isMissingNode(), "no prompt, no host input: " + exported);
  }

}
