package io.tsllm.converters.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

  @TempDir Path temp;

  /** Writes a file from a header and raw data, exactly as given, so tests can corrupt either. */
  private Path file(String header, byte[] data) throws IOException {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
    out.write(json);
    out.write(data);
    return Files.write(temp.resolve("model.safetensors"), out.toByteArray());
  }

  private static byte[] floats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  @Test
  void readsF32TensorsAndMetadata() throws IOException {
    Path path = file("{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}", floats(1, 2, 3, 4, 5));
    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertEquals(java.util.List.of("a", "b"), java.util.List.copyOf(file.tensors().keySet()));
      assertArrayEquals(new float[] {1, 2, 3, 4}, file.readFloats("a"));
      assertArrayEquals(new long[] {2, 2}, file.info("a").shape());
      assertArrayEquals(new float[] {5}, file.readFloats("b"));
      assertEquals("pt", file.metadata().get("format"));
    }
  }

  @Test
  void widensHalfAndBfloat16() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001);  // F16: 1, -2, 2^-24
    data.putShort((short) 0x3f80).putShort((short) 0x4049).putShort((short) 0xff80);  // BF16: 1, 3.140625, -inf
    Path path = file("{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[6,12]}}", data.array());
    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertArrayEquals(new float[] {1f, -2f, (float) Math.pow(2, -24)}, file.readFloats("h"));
      assertArrayEquals(new float[] {1f, 3.140625f, Float.NEGATIVE_INFINITY}, file.readFloats("b"));
    }
  }

  @Test
  void rejectsHeaderLengthBeyondTheEndOfFile() throws IOException {
    Path path = temp.resolve("truncated.safetensors");
    Files.write(path, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("truncated.safetensors") && e.getMessage().contains("header length 1000"),
        e.getMessage());
  }

  @Test
  void rejectsOffsetsOutsideTheData() throws IOException {
    Path path = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", floats(1, 2));
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("outside"), e.getMessage());
  }

  @Test
  void rejectsByteCountThatContradictsDtypeAndShape() throws IOException {
    Path path = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", floats(1, 2, 3, 4));
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("needs 12"), e.getMessage());
  }

  @Test
  void rejectsOverlappingTensors() throws IOException {
    Path path = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floats(1, 2, 3));
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("overlap"), e.getMessage());
  }

  @Test
  void opensAFileWithEveryDtypeTheSafetensorsLibraryWritesAndReadsItsFloats() throws IOException {
    // Written by safetensors 0.8.0 from NumPy (tools/safetensors_fixtures.py): I64 position ids, a BOOL mask,
    // unsigned and signed integers beside F64, F32 and F16 weights.
    Path fixtures = Path.of("src/test/resources/safetensors");
    JsonNode expected = new ObjectMapper().readTree(fixtures.resolve("every-dtype.safetensors.json").toFile());
    try (SafetensorsFile file = SafetensorsFile.open(fixtures.resolve("every-dtype.safetensors"))) {
      assertEquals(12, file.tensors().size());
      for (var entry : expected.properties()) {
        TensorInfo info = file.info(entry.getKey());
        assertEquals(entry.getValue().get("dtype").asText(), info.dtype().name(), entry.getKey());
        assertEquals(entry.getValue().get("shape").toString(), Arrays.toString(info.shape()).replace(" ", ""));
        if (entry.getValue().has("values")) {
          JsonNode values = entry.getValue().get("values");
          double[] read = file.readDoubles(entry.getKey());
          assertEquals(values.size(), read.length);
          for (int i = 0; i < read.length; i++) {
            assertEquals(values.get(i).asDouble(), read[i], 0.0, entry.getKey() + "[" + i + "]");
          }
        }
      }
      assertEquals("np", file.metadata().get("format"));
    }
  }

  @Test
  void readingAnIntegerTensorIsRefusedNamingItAndItsDtype() throws IOException {
    Path path = file("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[12]);
    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertArrayEquals(new float[] {0}, file.readFloats("w"));
      CheckpointException e = assertThrows(CheckpointException.class, () -> file.readFloats("ids"));
      assertTrue(e.getMessage().contains("tensor 'ids'") && e.getMessage().contains("I64")
          && e.getMessage().contains("F32"), e.getMessage());
    }
  }

  @Test
  void headersOfQuantizedDtypesAreCheckedByTheirBitWidths() throws IOException {
    // F8: one byte each; F4: two to a byte; F6: four in three bytes.
    Path path = file("{\"f8\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]},"
        + "\"f4\":{\"dtype\":\"F4\",\"shape\":[2,3],\"data_offsets\":[4,7]},"
        + "\"f6\":{\"dtype\":\"F6_E2M3\",\"shape\":[4],\"data_offsets\":[7,10]}}", new byte[10]);
    try (SafetensorsFile file = SafetensorsFile.open(path)) {
      assertEquals(TensorDType.F4, file.info("f4").dtype());
      CheckpointException e = assertThrows(CheckpointException.class, () -> file.readFloats("f8"));
      assertTrue(e.getMessage().contains("F8_E4M3"), e.getMessage());
    }
    Path odd = file("{\"f4\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,2]}}", new byte[2]);
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(odd));
    assertTrue(e.getMessage().contains("tensor 'f4'") && e.getMessage().contains("whole bytes"), e.getMessage());
  }

  @Test
  void rejectsADtypeOutsideTheSpecificationNamingTheTensor() throws IOException {
    Path path = file("{\"ids\":{\"dtype\":\"I128\",\"shape\":[1],\"data_offsets\":[0,16]}}", new byte[16]);
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("tensor 'ids'") && e.getMessage().contains("I128"), e.getMessage());
  }

  @Test
  void rejectsAHeaderThatIsNotJson() throws IOException {
    Path path = file("not json at all", new byte[0]);
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
  }

  @Test
  void halfPrecisionConversionCoversEveryClass() {
    assertEquals(0f, TensorDType.halfToFloat((short) 0));
    assertEquals(65504f, TensorDType.halfToFloat((short) 0x7bff));
    assertEquals(Float.POSITIVE_INFINITY, TensorDType.halfToFloat((short) 0x7c00));
    assertTrue(Float.isNaN(TensorDType.halfToFloat((short) 0x7e00)));
    assertEquals(-0.5f, TensorDType.halfToFloat((short) 0xb800));
    assertTrue(Arrays.equals(new float[] {0.099975586f}, new float[] {TensorDType.halfToFloat((short) 0x2e66)}));
  }
}
