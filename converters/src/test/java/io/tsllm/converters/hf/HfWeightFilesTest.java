package io.tsllm.converters.hf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tsllm.converters.safetensors.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index of a sharded checkpoint is checked against the shards it names, on torch.save's own shards. */
class HfWeightFilesTest {

  @TempDir Path temp;
  Path folder;
  Path index;

  @BeforeEach
  void copyTheShardedFixture() throws IOException {
    folder = Files.createDirectories(temp.resolve("gpt2-sharded"));
    try (Stream<Path> files = Files.list(PytorchCheckpointTest.FIXTURES.resolve("gpt2-sharded"))) {
      for (Path file : files.toList()) {
        Files.copy(file, folder.resolve(file.getFileName()));
      }
    }
    index = folder.resolve("pytorch_model.bin.index.json");
  }

  @Test
  void aTensorInAnotherShardThanTheIndexSaysIsRefusedNamingBoth() throws IOException {
    Files.writeString(index, Files.readString(index).replace(
        "\"transformer.wte.weight\": \"pytorch_model-00001-of-00003.bin\"",
        "\"transformer.wte.weight\": \"pytorch_model-00002-of-00003.bin\""));
    CheckpointException e = assertThrows(CheckpointException.class, () -> HfWeightFiles.open(folder, n -> n));
    assertTrue(e.getMessage().contains("transformer.wte.weight") && e.getMessage().contains("00001-of-00003")
        && e.getMessage().contains("00002-of-00003"), e.getMessage());
  }

  @Test
  void aTensorTheIndexNamesButNoShardHoldsIsRefused() throws IOException {
    Files.writeString(index, Files.readString(index).replace("\"weight_map\": {",
        "\"weight_map\": {\"transformer.h.9.ln_1.weight\": \"pytorch_model-00001-of-00003.bin\", "));
    CheckpointException e = assertThrows(CheckpointException.class, () -> HfWeightFiles.open(folder, n -> n));
    assertTrue(e.getMessage().contains("transformer.h.9.ln_1.weight") && e.getMessage().contains("in no shard"),
        e.getMessage());
  }

  @Test
  void aShardNameThatLeavesTheFolderIsRefused() throws IOException {
    Files.writeString(index, Files.readString(index).replace(
        "\"transformer.wte.weight\": \"pytorch_model-00001-of-00003.bin\"",
        "\"transformer.wte.weight\": \"../outside.bin\""));
    CheckpointException e = assertThrows(CheckpointException.class, () -> HfWeightFiles.open(folder, n -> n));
    assertTrue(e.getMessage().contains("../outside.bin") && e.getMessage().contains("not a file name"),
        e.getMessage());
  }

  @Test
  void aMissingShardIsRefusedNamingIt() throws IOException {
    Files.delete(folder.resolve("pytorch_model-00003-of-00003.bin"));
    CheckpointException e = assertThrows(CheckpointException.class, () -> HfWeightFiles.open(folder, n -> n));
    assertTrue(e.getMessage().contains("pytorch_model-00003-of-00003.bin") && e.getMessage().contains("missing"),
        e.getMessage());
  }
}
