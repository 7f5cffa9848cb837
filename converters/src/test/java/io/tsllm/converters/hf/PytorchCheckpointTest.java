package io.tsllm.converters.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PytorchCheckpoint} on files written by a real {@code torch.save} (Debian's python3-torch 1.13, through
 * {@code tools/torch_fixtures.py}), each tensor compared with the values torch held, written beside the file.
 */
class PytorchCheckpointTest {

  static final Path FIXTURES = Path.of("src/test/resources/torch");

  @Test
  void aFloatInTheStateDictsMetadataLeavesTheRestOfThePickleReadable() throws Exception {
    // BINFLOAT is big-endian; reading it must not turn the little-endian reads after it (string lengths, memo
    // indices) big-endian too.
    assertTensorsAsTorchWroteThem("float-metadata.bin");
  }

  private static void assertTensorsAsTorchWroteThem(String file) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve(file + ".json").toFile());
    Map<String, SourceTensor> tensors = new LinkedHashMap<>();
    try (PytorchCheckpoint checkpoint = PytorchCheckpoint.open(FIXTURES.resolve(file))) {
      checkpoint.tensors().forEach(t -> tensors.put(t.storedName(), t));
      assertEquals(iterableNames(expected), tensors.keySet().stream().toList(), "the tensors, in torch's order");
      for (var entry : expected.properties()) {
        SourceTensor tensor = tensors.get(entry.getKey());
        long[] shape = new long[entry.getValue().get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
          shape[i] = entry.getValue().get("shape").get(i).asLong();
        }
        assertArrayEquals(shape, tensor.shape(), entry.getKey());
        float[] values = new float[entry.getValue().get("values").size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) entry.getValue().get("values").get(i).asDouble();
        }
        assertArrayEquals(values, tensor.read(), entry.getKey());
      }
    }
  }

  private static List<String> iterableNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
