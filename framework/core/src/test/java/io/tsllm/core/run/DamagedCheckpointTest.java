package io.tsllm.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tsllm.core.Experiments;
import io.tsllm.core.inject.Injectors;
import io.tsllm.core.plugin.PluginLocations;
import io.tsllm.core.train.CheckpointDamagedException;
import io.tsllm.core.train.StopSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resume whose newest {@code last} checkpoint is damaged continues from the previous one kept beside it, and
 * reaches the same metrics; with no intact checkpoint it names every damage and leaves the run's status alone.
 */
class DamagedCheckpointTest {

  private static final String INTERRUPTED = "{\"state\": \"interrupted\", \"started\": \"2026-01-01T00:00:00Z\"}";

  @TempDir Path temp;
  private ExperimentRunner runner;
  private Path run;
  private JsonNode finished;

  /** A finished run, marked interrupted again so that it can be resumed from its checkpoints. */
  @BeforeEach
  void runOnce() throws Exception {
    Path experiment = Experiments.write(temp, e -> ((ObjectNode) e.get("training")).put("epochs", 2)
        .put("max_train_steps", 12).put("checkpoint_every_steps", 5).put("threads", 2));
    runner = Injectors.create(PluginLocations.none()).getInstance(ExperimentRunner.class);
    run = runner.run(experiment, temp.resolve("runs"), List.of()).directory().path();
    finished = Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
    Files.writeString(run.resolve("status.json"), INTERRUPTED);
  }

  private JsonNode resume() throws Exception {
    runner.resume(run, new RunOptions(null, List.of(), null), new StopSignal());
    assertEquals("completed", Experiments.MAPPER.readTree(run.resolve("status.json").toFile()).get("state").asText());
    return Experiments.MAPPER.readTree(run.resolve("metrics.json").toFile());
  }

  private Path folderOf(String pointer) throws Exception {
    return run.resolve("checkpoints").resolve(
        Experiments.MAPPER.readTree(run.resolve("checkpoints").resolve(pointer).toFile()).get("folder").asText());
  }

  @Test
  void aGarbledPointerFallsBackToThePreviousCheckpoint() throws Exception {
    assertTrue(Files.isRegularFile(run.resolve("checkpoints/last.previous.json")), "the previous one is kept");
    Files.writeString(run.resolve("checkpoints/last.json"), "{\"folder\": ");

    assertEquals(finished.get("test"), resume().get("test"), "the same metrics from the earlier checkpoint");
    assertTrue(Files.readString(run.resolve("run.log")).contains("last.json is not a checkpoint pointer"));
  }

  @Test
  void aFlippedByteInTheNewestDataFallsBackToThePreviousCheckpoint() throws Exception {
    Path data;
    try (Stream<Path> files = Files.list(folderOf("last.json"))) {
      data = files.filter(p -> p.getFileName().toString().startsWith("model.data")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(data, bytes);

    assertEquals(finished.get("test"), resume().get("test"));
    assertTrue(Files.readString(run.resolve("run.log")).contains("cannot be restored"),
        "the flipped byte was found: " + Files.readString(run.resolve("run.log")));
  }

  @Test
  void withNoIntactCheckpointEveryDamageIsNamedAndTheStatusIsLeftAlone() throws Exception {
    Files.delete(folderOf("last.json").resolve("model.index"));
    Path previous = folderOf("last.previous.json");
    try (Stream<Path> files = Files.walk(previous)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    CheckpointDamagedException e = assertThrows(CheckpointDamagedException.class,
        () -> runner.resume(run, new RunOptions(null, List.of(), null), new StopSignal()));

    assertTrue(e.getMessage().contains("lacks its index model.index")
        && e.getMessage().contains("last.previous.json points at") && e.getMessage().contains("best.json is there"),
        e.getMessage());
    assertEquals(Experiments.MAPPER.readTree(INTERRUPTED), Experiments.MAPPER.readTree(run.resolve("status.json")
        .toFile()), "a failed resume check keeps the status");
  }

  @Test
  void aMissingLastPointerBesideABestOneIsNotCalledAnEarlyStop() throws Exception {
    Files.delete(run.resolve("checkpoints/last.json"));
    Files.delete(run.resolve("checkpoints/last.previous.json"));

    CheckpointDamagedException e = assertThrows(CheckpointDamagedException.class,
        () -> runner.resume(run, new RunOptions(null, List.of(), null), new StopSignal()));

    assertTrue(e.getMessage().contains("last.json is missing") && !e.getMessage().contains("before its first"),
        e.getMessage());
  }
}
