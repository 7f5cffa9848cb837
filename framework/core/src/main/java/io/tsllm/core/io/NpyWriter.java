package io.tsllm.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Streams a float32 array of known shape to a NumPy {@code .npy} file (format 1.0, little-endian, C order). */
public final class NpyWriter implements AutoCloseable {

  private final OutputStream out;
  private final long expected;
  private long written;

  public NpyWriter(Path file, long... shape) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    this.expected = size;
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "))
        + (shape.length == 1 ? "," : "");
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    int total = 10 + header.length() + 1;
    int padding = (64 - total % 64) % 64;
    header = header + " ".repeat(padding) + "\n";
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
    out.write(header.getBytes(StandardCharsets.US_ASCII));
  }

  public void write(float[] values, int offset, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      buffer.putFloat(values[offset + i]);
    }
    out.write(buffer.array());
    written += count;
  }

  @Override
  public void close() throws IOException {
    out.close();
    if (written != expected) {
      throw new IOException("wrote " + written + " of " + expected + " values");
    }
  }
}
