package io.tsllm.converters.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tsllm.converters.safetensors.CheckpointException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PytorchCheckpoint} on files written by a real {@code torch.save} (Debian's python3-torch 1.13, through
 * {@code tools/torch_fixtures.py}), each tensor compared with what torch held, written beside the file; and the
 * same pickles read by a second, independent reader ({@link RazorvinePickles}).
 */
class PytorchCheckpointTest {

  static final Path FIXTURES = Path.of("src/test/resources/torch");

  @Test
  void aFloatInTheStateDictsMetadataLeavesTheRestOfThePickleReadable() throws Exception {
    // BINFLOAT is big-endian; reading it must not turn the little-endian reads after it (string lengths, memo
    // indices) big-endian too.
    assertTensorsAsTorchWroteThem(FIXTURES.resolve("float-metadata.bin"), FIXTURES.resolve("float-metadata.bin.json"));
  }

  @Test
  void integerAndBoolBuffersDoNotStopTheFileFromOpeningAndViewsReadAsTorchHoldsThem() throws Exception {
    // position_ids (int64), a bool mask and every other integer storage beside float tensors; a transposed view
    // (strides not row-major) and a slice (offset into a shared storage) among the floats.
    assertTensorsAsTorchWroteThem(FIXTURES.resolve("other-dtypes.bin"), FIXTURES.resolve("other-dtypes.bin.json"));
  }

  @Test
  void readingAnIntegerTensorIsRefusedNamingItAndItsDtype() {
    try (PytorchCheckpoint checkpoint = PytorchCheckpoint.open(FIXTURES.resolve("other-dtypes.bin"))) {
      SourceTensor positions = checkpoint.tensors().stream()
          .filter(t -> t.storedName().equals("position_ids")).findFirst().orElseThrow();
      assertEquals("I64", positions.dtype());
      CheckpointException e = assertThrows(CheckpointException.class, positions::read);
      assertTrue(e.getMessage().contains("other-dtypes.bin") && e.getMessage().contains("position_ids")
          && e.getMessage().contains("I64"), e.getMessage());
    }
  }

  @Test
  void aGpt2StateDictWithTiedWeightsAndMaskBuffersReadsAsTorchWroteIt() throws Exception {
    Path folder = FIXTURES.resolve("gpt2-bin");
    assertTensorsAsTorchWroteThem(folder.resolve("pytorch_model.bin"), folder.resolve("pytorch_model.bin.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"float-metadata.bin", "other-dtypes.bin", "gpt2-bin/pytorch_model.bin",
      "gpt2-sharded/pytorch_model-00002-of-00003.bin"})
  void aSecondPickleReaderFindsTheSameTensorsStoragesAndViews(String file) throws Exception {
    Path path = FIXTURES.resolve(file);
    Map<String, RazorvinePickles.Tensor> second = RazorvinePickles.stateDict(path);
    try (PytorchCheckpoint checkpoint = PytorchCheckpoint.open(path)) {
      // Razorvine's SETITEMS goes through a HashMap, so its order is not torch's; the order is checked against
      // torch's own listing in the tests above.
      Set<String> names = checkpoint.tensors().stream().map(SourceTensor::storedName).collect(Collectors.toSet());
      assertEquals(second.keySet(), names, "the same tensors");
      for (SourceTensor tensor : checkpoint.tensors()) {
        RazorvinePickles.Tensor other = second.get(tensor.storedName());
        assertArrayEquals(other.shape(), tensor.shape(), tensor.storedName());
        assertEquals(other.dtype(), tensor.dtype(), tensor.storedName());
        if (other.isFloat()) {
          assertArrayEquals(other.values(), tensor.read(), tensor.storedName());
        }
      }
    }
  }

  @Test
  void aShardedCheckpointIsReadThroughItsIndex() throws Exception {
    Path folder = FIXTURES.resolve("gpt2-sharded");
    JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());
    try (HfWeightFiles weights = HfWeightFiles.open(folder, name -> name)) {
      assertEquals(3, weights.files().size(), "three shards");
      assertEquals(fieldNames(expected), List.copyOf(weights.tensors().keySet()));
      for (var entry : expected.properties()) {
        assertTensorEquals(entry.getKey(), entry.getValue(), weights.tensors().get(entry.getKey()));
      }
    }
  }

  private static void assertTensorsAsTorchWroteThem(Path file, Path expectedJson) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(expectedJson.toFile());
    Map<String, SourceTensor> tensors = new LinkedHashMap<>();
    try (PytorchCheckpoint checkpoint = PytorchCheckpoint.open(file)) {
      checkpoint.tensors().forEach(t -> tensors.put(t.storedName(), t));
      assertEquals(fieldNames(expected), List.copyOf(tensors.keySet()), "the tensors, in torch's order");
      for (var entry : expected.properties()) {
        assertTensorEquals(entry.getKey(), entry.getValue(), tensors.get(entry.getKey()));
      }
    }
  }

  private static void assertTensorEquals(String name, JsonNode expected, SourceTensor tensor) {
    long[] shape = new long[expected.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = expected.get("shape").get(i).asLong();
    }
    assertArrayEquals(shape, tensor.shape(), name);
    assertEquals(TORCH_TO_SAFETENSORS.get(expected.get("dtype").asText()), tensor.dtype(), name);
    if (expected.has("values")) {
      float[] values = new float[expected.get("values").size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) expected.get("values").get(i).asDouble();
      }
      assertArrayEquals(values, tensor.read(), name);
    }
  }

  private static final Map<String, String> TORCH_TO_SAFETENSORS = Map.of(
      "float32", "F32", "float64", "F64", "float16", "F16", "bfloat16", "BF16", "int64", "I64", "int32", "I32",
      "int16", "I16", "int8", "I8", "uint8", "U8", "bool", "BOOL");

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
