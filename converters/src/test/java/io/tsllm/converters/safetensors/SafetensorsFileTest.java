package io.tsllm.converters.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void rejectsUnsupportedDtypeNamingTheTensor() throws IOException {
    Path path = file("{\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
    CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(path));
    assertTrue(e.getMessage().contains("tensor 'ids'") && e.getMessage().contains("I64"), e.getMessage());
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
