package io.tsllm.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tsllm.spi.DataException;
import io.tsllm.spi.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyDatasetLoaderTest {

  static final int ROWS = 300;
  static final int CHANNELS = 3;

  @TempDir Path temp;

  /** value(r, c) = r + c / 10, exactly representable enough for every dtype tested. */
  static double value(int r, int c) {
    return r + c / 10.0;
  }

  static byte[] npy(String descr, boolean fortran, long[] shape) {
    boolean big = descr.startsWith(">");
    int size = descr.charAt(2) - '0';
    char kind = descr.charAt(1);
    String dims = shape.length == 1 ? shape[0] + "," : shape[0] + ", " + shape[1];
    String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
        + dims + "), }";
    int pad = (64 - (10 + header.length() + 1) % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    int rows = (int) shape[0];
    int channels = shape.length == 2 ? (int) shape[1] : 1;
    ByteBuffer data = ByteBuffer.allocate(rows * channels * size)
        .order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows * channels; i++) {
      int r = fortran ? i % rows : i / channels;
      int c = fortran ? i / rows : i % channels;
      double v = kind == 'i' ? r * 10 + c : value(r, c);
      switch (kind + "" + size) {
        case "f4" -> data.putFloat((float) v);
        case "f8" -> data.putDouble(v);
        case "i4" -> data.putInt((int) v);
        default -> data.putLong((long) v);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  Dataset load(Path file, String array, List<String> names) {
    NpyDatasetConfig config = new NpyDatasetConfig(file.toString(), array, names, 24, 8, null, null, null, null, null,
        null, false, null);
    return new NpyDatasetLoader().load(config, Path::of);
  }

  @ParameterizedTest(name = "{0}, fortran order {1}")
  @CsvSource({"<f4, false", ">f4, false", "<f8, true", ">f8, false", "<i4, false", ">i8, true"})
  void readsEveryDtypeByteOrderAndLayoutAsTheSameSeries(String descr, boolean fortran) throws IOException {
    Path file = Files.write(temp.resolve("series.npy"), npy(descr, fortran, new long[] {ROWS, CHANNELS}));
    Dataset data = load(file, null, null);
    assertEquals(List.of("c0", "c1", "c2"), data.shape().channelNames());
    float[] window = new float[24 * CHANNELS];
    data.train().copyInput(5, window, 0);
    boolean integer = descr.charAt(1) == 'i';
    for (int t = 0; t < 24; t++) {
      for (int c = 0; c < CHANNELS; c++) {
        double expected = integer ? (5 + t) * 10 + c : value(5 + t, c);
        assertEquals(expected, window[t * CHANNELS + c], 1e-4, "row " + (5 + t) + " channel " + c);
      }
    }
    assertEquals((int) (ROWS * 0.7) - 24 - 8 + 1, data.train().size(), "the ratio split by default");
  }

  @Test
  void readsANamedArrayOfAnNpzArchiveStoredOrCompressed() throws IOException {
    Path file = temp.resolve("arrays.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("other.npy"));
      zip.write(npy("<f4", false, new long[] {10}));
      zip.closeEntry();
      zip.setLevel(9);
      zip.putNextEntry(new ZipEntry("load.npy"));
      zip.write(npy("<f8", false, new long[] {ROWS, CHANNELS}));
      zip.closeEntry();
    }
    Dataset data = load(file, "load", List.of("a", "b", "target"));
    assertEquals(List.of("a", "b", "target"), data.shape().channelNames());
    DataException e = assertThrows(DataException.class, () -> load(file, null, null));
    assertTrue(e.getMessage().contains("choose one with data.array") && e.getMessage().contains("load"),
        e.getMessage());
  }

  @Test
  void refusesAnInfiniteValueNamingRowAndChannel() throws IOException {
    byte[] bytes = npy("<f4", false, new long[] {ROWS, CHANNELS});
    int data = 10 + (ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(data + 4 * (5 * CHANNELS + 1),
        Float.POSITIVE_INFINITY);
    Path file = Files.write(temp.resolve("inf.npy"), bytes);

    DataException e = assertThrows(DataException.class, () -> load(file, null, null));

    assertTrue(e.getMessage().contains("inf.npy") && e.getMessage().contains("row 5")
        && e.getMessage().contains("channel c1 is Infinity"), e.getMessage());
  }

  @Test
  void refusesTruncatedDataAndForeignFiles() throws IOException {
    byte[] whole = npy("<f4", false, new long[] {ROWS, CHANNELS});
    Path truncated = Files.write(temp.resolve("cut.npy"), java.util.Arrays.copyOf(whole, whole.length - 7));
    DataException e = assertThrows(DataException.class, () -> load(truncated, null, null));
    assertTrue(e.getMessage().contains("cut.npy") && e.getMessage().contains("needs " + ROWS * CHANNELS * 4),
        e.getMessage());
    Path text = Files.writeString(temp.resolve("text.npy"), "date,a\n1,2\n");
    e = assertThrows(DataException.class, () -> load(text, null, null));
    assertTrue(e.getMessage().contains("not a NumPy .npy array"), e.getMessage());
    Path complex = Files.write(temp.resolve("c.npy"), npy("<f4", false, new long[] {ROWS, CHANNELS}));
    byte[] bytes = Files.readAllBytes(complex);
    String header = new String(bytes, 10, 60, StandardCharsets.US_ASCII).replace("<f4", "<c8");
    System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, bytes, 10, 60);
    Files.write(complex, bytes);
    e = assertThrows(DataException.class, () -> load(complex, null, null));
    assertTrue(e.getMessage().contains("descr"), e.getMessage());
  }

  @Test
  void readsWhatNumpyWrites() throws Exception {
    assumeTrue(numpy(), "python3 with NumPy is not available");
    Path file = temp.resolve("np.npz");
    Process p = new ProcessBuilder("python3", "-c", "import numpy as np; a = np.arange(" + ROWS * CHANNELS
        + ", dtype='>f8').reshape(" + ROWS + ", " + CHANNELS + "); np.savez_compressed('" + file
        + "', x=np.asfortranarray(a), y=a[:, :1])").redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    Dataset data = load(file, "x", null);
    float[] window = new float[24 * CHANNELS];
    data.train().copyInput(0, window, 0);
    float[] expected = new float[24 * CHANNELS];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, window);
    assertEquals(1, load(file, "y", null).shape().channels());
  }

  private static boolean numpy() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
