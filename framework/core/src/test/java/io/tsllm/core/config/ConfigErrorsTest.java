package io.tsllm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.model.ModelGraphBuilder;
import io.tsllm.core.plugin.PluginDiscovery;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.prepare.ExperimentPreparer;
import io.tsllm.core.prepare.PreparedExperiment;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsTest {

  @TempDir Path temp;

  final ExperimentConfigBinder binder =
      new ExperimentConfigBinder(Experiments.MAPPER, new PluginDiscovery().discover(PluginLocations.none()));

  private ConfigProblem onlyProblem(Consumer<ObjectNode> edit) {
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(Experiments.write(temp, edit)));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void bindsTheTinyExperimentAndFillsDefaults() {
    ExperimentConfig config = binder.bind(Experiments.write(temp, Experiments.tiny()));
    ObjectNode resolved = ResolvedConfig.toJson(Experiments.MAPPER, config);
    assertEquals(1e-5, resolved.at("/backbone/layer_norm_epsilon").asDouble());
    assertEquals("replicate", resolved.at("/embedder/padding").asText());
    assertEquals(3, resolved.at("/training/patience").asInt());
    assertEquals("runs", resolved.at("/output/dir").asText());
  }

  @Test
  void rejectsUnknownFieldNamingItsPathAndTheKnownFields() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("n_heads", 4));
    assertEquals("backbone.n_heads", problem.path());
    assertEquals("4", problem.value());
    assertTrue(problem.expected().contains("n_head") && problem.expected().contains("n_embd"), problem.expected());
  }

  @Test
  void rejectsMissingRequiredField() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("data")).remove("horizon"));
    assertEquals("data.horizon", problem.path());
    assertEquals(null, problem.value());
    assertTrue(problem.toString().contains("data.horizon: missing"), problem.toString());
  }

  @Test
  void rejectsWrongTypeNamingValueAndExpectedType() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("n_head", "four"));
    assertEquals("backbone.n_head", problem.path());
    assertEquals("\"four\"", problem.value());
    assertEquals("an integer", problem.expected());
  }

  @Test
  void rejectsFractionWhereAnIntegerIsExpected() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("training")).put("epochs", 2.5));
    assertEquals("training.epochs", problem.path());
    assertEquals("an integer", problem.expected());
  }

  @Test
  void rejectsOutOfRangeValue() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("training")).put("epochs", 0));
    assertEquals("training.epochs", problem.path());
    assertEquals("0", problem.value());
    assertEquals("an integer >= 1", problem.expected());
  }

  @Test
  void rejectsNEmbdNotDivisibleByNHead() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("n_head", 5));
    assertEquals("backbone.n_head", problem.path());
    assertEquals("5", problem.value());
    assertEquals("a divisor of n_embd (64)", problem.expected());
  }

  @Test
  void rejectsUnknownPluginListingTheAvailableOnes() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("type", "gpt3"));
    assertEquals("backbone.type", problem.path());
    assertEquals("\"gpt3\"", problem.value());
    assertTrue(problem.expected().contains("[attention, gpt2, identity, llama, patchtst]"), problem.expected());
  }

  @Test
  void rejectsUnknownSection() {
    ConfigProblem problem = onlyProblem(e -> e.set("trainng", e.remove("training")));
    assertEquals("trainng", problem.path());
    assertTrue(problem.expected().contains("training"), problem.expected());
  }

  @Test
  void rejectsUnknownTrainableGroup() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("trainable", "attention"));
    assertEquals("backbone.trainable", problem.path());
    assertEquals("\"attention\"", problem.value());
    assertTrue(problem.expected().contains("gpt4ts") && problem.expected().contains("seismollm"), problem.expected());
  }

  @Test
  void rejectsLoraGroupWithoutAdapters() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).putArray("trainable").add("lora"));
    assertEquals("backbone.trainable", problem.path());
    assertTrue(problem.expected().contains("'lora' section"), problem.expected());
  }

  @Test
  void rejectsBadLoraTargetWithItsNestedPath() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("trainable", "lora")
        .putObject("lora").put("rank", 4).putArray("targets").add("attn.q_proj"));
    assertEquals("backbone.lora.targets", problem.path());
    assertEquals("\"attn.q_proj\"", problem.value());
  }

  @Test
  void rejectsUnknownNestedField() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).putObject("lora").put("rnk", 4));
    assertEquals("backbone.lora.rnk", problem.path());
    assertTrue(problem.expected().contains("rank"), problem.expected());
  }

  @Test
  void rejectsPretrainedWithoutWeights() {
    ConfigProblem problem = onlyProblem(e -> ((ObjectNode) e.get("backbone")).put("init", "pretrained"));
    assertEquals("backbone.weights", problem.path());
    assertEquals(null, problem.value());
  }

  @Test
  void seismollmPresetBringsItsAdapters() {
    ExperimentConfig config = binder.bind(Experiments.write(temp,
        e -> ((ObjectNode) e.get("backbone")).put("trainable", "seismollm")));
    ObjectNode resolved = ResolvedConfig.toJson(Experiments.MAPPER, config);
    assertEquals("[\"lora\",\"layernorm\",\"wpe\"]", resolved.at("/backbone/trainable").toString());
    assertEquals(16, resolved.at("/backbone/lora/rank").asInt());
    assertEquals(16.0, resolved.at("/backbone/lora/alpha").asDouble());
    assertEquals("[\"all-linear\"]", resolved.at("/backbone/lora/targets").toString());
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(Experiments.write(temp, x -> {
      ((ObjectNode) x.get("backbone")).put("n_head", 5);
      ((ObjectNode) x.get("embedder")).put("stride", -1);
      x.remove("head");
    })));
    List<String> paths = e.problems().stream().map(ConfigProblem::path).toList();
    assertEquals(List.of("embedder.stride", "backbone.n_head", "head"), paths);
    assertTrue(e.getMessage().contains("has 3 problems"), e.getMessage());
  }

  @Test
  void rejectsMalformedJsonWithLineAndColumn() {
    Path file = Experiments.write(temp, "broken.json", "{\n  \"name\": \"x\",\n  \"seed\": ,\n}");
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(file));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void aMistypedFieldDoesNotHideTheSectionsOtherProblems() {
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(Experiments.write(temp, ex -> {
      ObjectNode training = (ObjectNode) ex.get("training");
      training.put("optimizer", "sgd").put("epochs", 0).put("batch_sise", 8);
      training.putObject("schedule").put("type", "warm");
    })));
    List<String> paths = e.problems().stream().map(ConfigProblem::path).sorted().toList();
    assertEquals(List.of("training.batch_sise", "training.epochs", "training.optimizer", "training.schedule.type"),
        paths, e.getMessage());
  }

  @Test
  void rejectsAnEmptyFileSayingItIsEmpty() {
    Path file = Experiments.write(temp, "empty.json", "  \n");
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(file));
    assertTrue(e.getMessage().contains("(file): empty"), e.getMessage());
  }

  @Test
  void rejectsNullInsideAListByItsPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(Experiments.write(temp,
        ex -> ((ObjectNode) ex.get("data")).putArray("columns").add("OT").addNull())));
    assertEquals(List.of("data.columns[1]"), e.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(e.getMessage().contains("data.columns[1]: null"), e.getMessage());
  }

  @Test
  void rejectsMissingExperimentFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(temp.resolve("absent.json")));
    assertTrue(e.getMessage().contains("absent.json"), e.getMessage());
  }

  @Test
  void rejectsPatchLongerThanInputBeforeTraining() {
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("embedder")).put("patch_length", 200));
    ExperimentPreparer preparer = new ExperimentPreparer(binder, new ModelGraphBuilder());
    ConfigException e = assertThrows(ConfigException.class, () -> preparer.prepare(file).close());
    assertEquals("embedder.patch_length", e.problems().get(0).path());
    assertTrue(e.problems().get(0).expected().contains("104"), e.getMessage());
  }

  @Test
  void rejectsMoreTokensThanPositions() {
    Path file = Experiments.write(temp, e -> ((ObjectNode) e.get("backbone")).put("n_positions", 8));
    ExperimentPreparer preparer = new ExperimentPreparer(binder, new ModelGraphBuilder());
    ConfigException e = assertThrows(ConfigException.class, () -> preparer.prepare(file).close());
    assertEquals("backbone.n_positions", e.problems().get(0).path());
    assertTrue(e.problems().get(0).expected().contains("12 tokens"), e.getMessage());
  }

  @Test
  void rejectsAForecastHeadOnAClassificationDataset() {
    Path ucr = Path.of("../../configs/data/ucr").toAbsolutePath().normalize();
    Path file = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "ucr").put("train_path", ucr.resolve("GunPoint_TRAIN.ts").toString())
          .put("test_path", ucr.resolve("GunPoint_TEST.ts").toString());
      ((ObjectNode) e.get("backbone")).put("n_positions", 64);
    });
    ExperimentPreparer preparer = new ExperimentPreparer(binder, new ModelGraphBuilder());
    ConfigException e = assertThrows(ConfigException.class, () -> preparer.prepare(file).close());
    assertEquals("head.type", e.problems().get(0).path());
    assertTrue(e.problems().get(0).expected().contains("classes [1, 2]"), e.getMessage());
  }

  @Test
  void rejectsAClassifyHeadOnAForecastingDataset() {
    Path file = Experiments.write(temp, e -> e.putObject("head").put("type", "classify"));
    ExperimentPreparer preparer = new ExperimentPreparer(binder, new ModelGraphBuilder());
    ConfigException e = assertThrows(ConfigException.class, () -> preparer.prepare(file).close());
    assertEquals("head.type", e.problems().get(0).path());
    assertTrue(e.problems().get(0).expected().contains("class labels"), e.getMessage());
  }

  @Test
  void rejectsAMaskingRatioOutsideZeroToOne() {
    Path file = Experiments.write(temp, e -> e.putObject("head").put("type", "impute").put("mask_ratio", 1.0));
    ConfigException e = assertThrows(ConfigException.class, () -> binder.bind(file));
    assertEquals("head.mask_ratio", e.problems().get(0).path());
    assertTrue(e.problems().get(0).expected().contains("(0, 1)"), e.getMessage());
  }

  @Test
  void rejectsAReconstructHeadOnForecastTargetsAndARegressHeadWithoutValues() {
    for (String head : List.of("reconstruct", "regress")) {
      Path file = Experiments.write(temp, e -> e.putObject("head").put("type", head));
      ExperimentPreparer preparer = new ExperimentPreparer(binder, new ModelGraphBuilder());
      ConfigException e = assertThrows(ConfigException.class, () -> preparer.prepare(file).close());
      assertEquals("head.type", e.problems().get(0).path());
      assertTrue(e.problems().get(0).expected().contains("future targets"), e.getMessage());
    }
  }

  @Test
  void rejectsASeriesShorterThanTheEmbeddersTotalStride() {
    Path file = Experiments.write(temp, e -> {
      ObjectNode embedder = e.putObject("embedder").put("type", "multiscale-conv").put("patch_length", 4);
      embedder.putArray("channels").add(8).add(16).add(16).add(16);
      ((ObjectNode) e.get("data")).put("input_length", 24);
    });
    ExperimentPreparer preparer = new ExperimentPreparer(binder, new ModelGraphBuilder());
    ConfigException e = assertThrows(ConfigException.class, () -> preparer.prepare(file).close());
    assertEquals("embedder.strides", e.problems().get(0).path());
    assertTrue(e.problems().get(0).expected().contains("24 steps (they leave 3)"), e.getMessage());
  }

  @Test
  void resolvesDataPathsFromTheExperimentFilesFolder() throws Exception {
    Path folder = java.nio.file.Files.createDirectories(temp.resolve("exp"));
    java.nio.file.Files.createDirectories(folder.resolve("data"));
    java.nio.file.Files.copy(Experiments.ETTH1, folder.resolve("data/ETTh1.csv"));
    Path file = Experiments.write(folder, e -> ((ObjectNode) e.get("data")).put("path", "data/ETTh1.csv"));
    try (PreparedExperiment prepared = new ExperimentPreparer(binder, new ModelGraphBuilder()).prepare(file)) {
      assertEquals(folder.resolve("data/ETTh1.csv").toAbsolutePath().normalize(),
          prepared.dataset().sourceFiles().get(0));
    }
  }
}
