package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.PluginJars;
import io.tsllm.core.UserInputException;
import io.tsllm.core.train.CheckpointStore;
import io.tsllm.core.train.TrainingDivergedException;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedRunTest {

  @TempDir Path temp;

  @Test
  void aRunThatFailsWhileTrainingIsMarkedFailedAndNeverLooksFinished() throws Exception {
    Path jar = PluginJars.explodingDatasetJar(temp);
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "exploding").put("fail_after_reads", 500);
      ((ObjectNode) e.get("training")).put("epochs", 3).put("max_train_steps", 0).put("batch_size", 16);
    });
    ExperimentRunner runner = Injectors.create(new PluginLocations(List.of(jar))).getInstance(ExperimentRunner.class);
    Path runs = temp.resolve("runs");

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runner.run(experiment, runs, List.of()));

    assertEquals("the disk went away", e.getMessage());
    Path run;
    try (Stream<Path> list = Files.list(runs)) {
      run = list.findFirst().orElseThrow();
    }
    JsonNode status = Experiments.MAPPER.readTree(run.resolve("status.json").toFile());
    assertEquals("failed", status.get("state").asText());
    assertEquals("the disk went away", status.get("error").asText());
    assertTrue(status.has("ended"));
    assertFalse(Files.exists(run.resolve("metrics.json")), "a failed run has no metrics");
  }

  @Test
  void aNanLossStopsTheRunNamingTheLastGoodCheckpointWhichStaysIntact() throws Exception {
    Path jar = PluginJars.explodingDatasetJar(temp);
    Path experiment = Experiments.write(temp, e -> {
      e.putObject("data").put("type", "exploding").put("nan_after_reads", 500);
      ((ObjectNode) e.get("training")).put("epochs", 3).put("max_train_steps", 0).put("batch_size", 16)
          .put("checkpoint_every_steps", 5);
    });
    ExperimentRunner runner = Injectors.create(new PluginLocations(List.of(jar))).getInstance(ExperimentRunner.class);

    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> runner.run(experiment, temp.resolve("runs"), List.of()));

    Path run;
    try (Stream<Path> list = Files.list(temp.resolve("runs"))) {
      run = list.findFirst().orElseThrow();
    }
    Path lastGood = new CheckpointStore(run.resolve("checkpoints"), Experiments.MAPPER).current("last");
    assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains(lastGood.toString()), e.getMessage());
    assertTrue(Files.exists(lastGood.resolve("model.index")), "the last good checkpoint is intact");
    assertEquals("failed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
  }

  @Test
  void anUnusableOutputFolderIsRefusedBeforeTraining() throws Exception {
    Path blocker = Files.writeString(temp.resolve("a-file"), "not a folder");
    Path experiment = Experiments.write(temp, Experiments.tiny());
    ExperimentRunner runner = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class);
    UserInputException e = assertThrows(UserInputException.class,
        () -> runner.run(experiment, blocker.resolve("runs"), List.of()));
    assertTrue(e.getMessage().startsWith("output.dir: cannot create"), e.getMessage());
  }
}
